// A rule is metadata (plain data, read by `dt10 rules` and the docs) plus one pure check over one kind of subject.

import type { ImageSpec, Subject, SubjectKind, SubjectOfKind } from '../subjects/index.js';
import type { Category, Threat } from './category.js';
import type { Location } from './location.js';
import type { RuleSettings } from './settings.js';
import type { Severity } from './severity.js';

export type Target =
  'dockerfile' | 'compose' | 'kubernetes' | 'docker-run' | 'engine' | 'daemon' | 'image' | 'host';

export interface RuleMeta {
  /** `D04.privileged`: category, dot, kebab slug. Stable: users write it in suppressions. */
  id: string;
  title: string;
  category: Category;
  severity: Severity;
  subject: SubjectKind;
  /** Input formats this rule can judge; listed in docs and used to build the accept/reject tables. */
  targets: Target[];
  threats: Threat[];
  cis: string[];
  /** Equivalent checks in other tools, e.g. `{ hadolint: ['DL3002'], trivy: ['DS-0002'] }`. */
  related: Record<string, string[]>;
  rationale: string;
  remediation: string;
  references: string[];
  /**
   * A bad and a good snippet per format, shown by `dt10 explain` and in docs/rules.md. They are tested:
   * every `bad` must make the rule report and every `good` must not.
   */
  examples?: RuleExample[];
}

export interface RuleExample {
  target: Target;
  bad: string;
  good: string;
}

export interface RuleContext {
  /** The evaluation clock: rules never read the real one, so age rules are testable. */
  now: Date;
  settings: RuleSettings;
}

/** What a check reports: the rest of the finding comes from the rule's metadata. */
export interface Violation {
  message: string;
  location: Location;
  evidence?: string;
  /** Overrides the rule's severity when one case is worse or milder than the usual one. */
  severity?: Severity;
}

export interface Rule<K extends SubjectKind = SubjectKind> extends RuleMeta {
  subject: K;
  check(subject: SubjectOfKind<K>, context: RuleContext): Violation[];
  /**
   * The same check over an image read from an archive or an engine (target `image`), for a rule whose
   * subject is something else: `D01.image-root-user` judges a Dockerfile's final USER and an image's
   * `Config.User` under one id, so one suppression or config entry covers both.
   */
  checkImage?(image: ImageSpec, context: RuleContext): Violation[];
}

export type AnyRule = { [K in SubjectKind]: Rule<K> }[SubjectKind];

export function defineRule<K extends SubjectKind>(rule: Rule<K>): Rule<K> {
  return rule;
}

export function appliesTo(rule: AnyRule, subject: Subject): boolean {
  return rule.subject === subject.kind || (subject.kind === 'image' && rule.checkImage !== undefined);
}

/**
 * A copy of `rule` whose every finding has `severity` (a config's severity override). A rule may set a
 * finding's own severity (a build stage that does not reach the image is milder, D08.no-digest follows
 * `digestSeverity`); an override replaces those too, because "D08.no-digest: medium" in a config means
 * the findings say medium, and a relative adjustment would make the number written mean something else
 * per finding.
 */
export function withSeverity<K extends SubjectKind>(rule: Rule<K>, severity: Severity): Rule<K> {
  const checkImage = rule.checkImage;
  return {
    ...rule,
    severity,
    check: (subject, context) =>
      rule.check(subject, context).map((violation) => ({ ...violation, severity })),
    ...(checkImage !== undefined
      ? {
          checkImage: (image: ImageSpec, context: RuleContext) =>
            checkImage.call(rule, image, context).map((violation) => ({ ...violation, severity })),
        }
      : {}),
  };
}
