// A finding is one violation of one rule by one subject; a scan error is input that could not be read.
import type { Category, Threat } from './category.js';
import type { Location, SourceLocation } from './location.js';
import type { Severity } from './severity.js';

export interface Finding {
  ruleId: string;
  category: Category;
  severity: Severity;
  title: string;
  message: string;
  location: Location;
  /** The offending value as seen in the input; secrets are masked before they get here. */
  evidence?: string;
  remediation: string;
  cis: string[];
  threats: Threat[];
  /** Set when a user accepted this finding with a reason; it is reported but does not fail the scan. */
  suppression?: Suppression;
}

/** How a user accepted a finding: a comment in the file, a Kubernetes annotation, or the config file. */
export type SuppressionKind = 'inline' | 'file' | 'annotation' | 'config';

export interface Suppression {
  kind: SuppressionKind;
  /** The reason the user wrote; never empty. */
  justification: string;
  /** Where the suppression is written: the comment, the annotation or the config entry. */
  at: SourceLocation;
  /** `YYYY-MM-DD`: after this day the suppression no longer applies and the finding comes back. */
  until?: string;
}

/**
 * A suppression that no longer hides anything: it matched no finding (the risk it accepted is gone, or it
 * names the wrong rule or place), or its `until` day has passed and its findings are reported again.
 */
export interface StaleSuppression {
  kind: SuppressionKind;
  ruleIds: string[];
  justification: string;
  at: SourceLocation;
  /** Set when the suppression expired on this day (`YYYY-MM-DD`) rather than matching nothing. */
  expired?: string;
}

export interface ScanError {
  path: string;
  line?: number;
  column?: number;
  message: string;
  /** Set when a rule threw on a subject, so the report names the culprit. */
  ruleId?: string;
}
