// Checks a parsed `.dt10.yaml`: first its shape against the JSON schema (ajv's code for it,
// generated ahead of time by scripts/config-validator.mjs), then what a schema cannot
// say (rule ids that exist, days that exist, globs that stay inside the project). Every problem names its
// key path and the position the YAML loader recorded for it.
import type { ErrorObject } from 'ajv';
import type { SourceLocation } from '../core/location.js';
import { dayText, isRealDay } from './days.js';
import { ConfigLocator, keyPathOf, nodeAt, type Segment, segmentsOf } from './locate.js';
import type { RawConfig } from './schema.js';
import validateSchema from './schema-validator.generated.js';
import { closestIds } from './suggest.js';

export interface Problem {
  keyPath: string;
  at: SourceLocation;
  detail: string;
}

export type Validation = { ok: true; config: RawConfig } | { ok: false; problems: Problem[] };

/** `"urgent"`, `5`, `a list`: the value as the message quotes it. */
function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid date' : value.toISOString();
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

const TYPE_NAMES: Record<string, string> = {
  array: 'a list',
  object: 'a mapping',
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
};

interface SchemaPart {
  description?: string;
  properties?: Record<string, SchemaPart>;
}

function param(error: ErrorObject, name: string): string {
  const params = error.params as Record<string, unknown>;
  return String(params[name]);
}

function schemaProblem(error: ErrorObject, root: unknown, locator: ConfigLocator): Problem {
  const segments = segmentsOf(root, error.instancePath);
  const keyPath = keyPathOf(segments);
  const subject = keyPath === '' ? 'the config' : keyPath;
  const schema = error.parentSchema as SchemaPart | undefined;
  const value = nodeAt(root, segments);
  const got = `got ${describe(value)}`;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = param(error, 'additionalProperty');
      const where = keyPath === '' ? '' : ` in ${keyPath}`;
      const valid = Object.keys(schema?.properties ?? {}).join(', ');
      return {
        keyPath: keyPathOf([...segments, key]),
        at: locator.key([...segments, key]),
        detail: `unknown key "${key}"${where}; valid keys: ${valid}`,
      };
    }
    case 'required': {
      const key = param(error, 'missingProperty');
      const meaning = schema?.properties?.[key]?.description;
      return {
        keyPath: keyPathOf([...segments, key]),
        at: locator.value(segments),
        detail: `${subject} needs "${key}"${meaning ? `: ${meaning}` : ''}`,
      };
    }
    case 'type': {
      const expected = param(error, 'type');
      return {
        keyPath,
        at: locator.value(segments),
        detail: `${subject} must be ${TYPE_NAMES[expected] ?? expected}; ${got}`,
      };
    }
    case 'enum': {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map(String).join(', ');
      return { keyPath, at: locator.value(segments), detail: `${subject} must be one of ${allowed}; ${got}` };
    }
    case 'minimum':
      return {
        keyPath,
        at: locator.value(segments),
        detail: `${subject} must be ${param(error, 'limit')} or more; ${got}`,
      };
    default:
      // pattern, minLength: the schema's description says what the value must be.
      return {
        keyPath,
        at: locator.value(segments),
        detail: `${subject} must be ${schema?.description ?? error.message ?? 'valid'}; ${got}`,
      };
  }
}

/** The first problem in the file comes first, as a reader goes through it. */
function byPosition(a: Problem, b: Problem): number {
  return a.at.line - b.at.line || a.at.column - b.at.column;
}

/**
 * Replaces the Dates js-yaml made of unquoted `until` days by the text written, so that the schema and the
 * calendar check judge what the user wrote.
 */
function normaliseDays(root: unknown, locator: ConfigLocator, lines: readonly string[]): void {
  const ignore = nodeAt(root, ['ignore']);
  if (!Array.isArray(ignore)) return;
  ignore.forEach((entry: unknown, index) => {
    if (entry === null || typeof entry !== 'object') return;
    const fields = entry as Record<string, unknown>;
    if (fields.until instanceof Date)
      fields.until = dayText(fields.until, lines, locator.value(['ignore', index, 'until']));
  });
}

/** A glob with a `..` segment names files outside the config's directory, which it can never match. */
function leavesDirectory(glob: string): boolean {
  return glob.split(/[/\\]/).includes('..');
}

function meaningProblems(config: RawConfig, locator: ConfigLocator, ruleIds: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = [];
  const problem = (segments: Segment[], detail: string, at = locator.value(segments)): void => {
    problems.push({ keyPath: keyPathOf(segments), at, detail });
  };
  const checkRuleId = (id: string, segments: Segment[], at?: SourceLocation): void => {
    if (ruleIds.has(id)) return;
    const close = closestIds(id, ruleIds);
    const hint = close.length > 0 ? `did you mean ${close.join(' or ')}? ` : '';
    problem(
      segments,
      `${keyPathOf(segments)}: unknown rule id "${id}"; ${hint}\`dt10 rules\` lists every id`,
      at,
    );
  };

  config.rules?.disable?.forEach((id, index) => checkRuleId(id, ['rules', 'disable', index]));
  const disabled = new Set(config.rules?.disable ?? []);
  config.rules?.enable?.forEach((id, index) => {
    const segments = ['rules', 'enable', index];
    checkRuleId(id, segments);
    if (disabled.has(id))
      problem(segments, `rules.enable[${index}]: "${id}" is also in rules.disable; keep it in one of them`);
  });
  for (const id of Object.keys(config.rules?.severity ?? {})) {
    const segments = ['rules', 'severity', id];
    checkRuleId(id, segments, locator.key(segments));
  }
  config.exclude?.forEach((glob, index) => {
    if (leavesDirectory(glob))
      problem(
        ['exclude', index],
        `exclude[${index}] must be a glob inside the config file's directory (no ".."); got "${glob}"`,
      );
  });
  config.ignore?.forEach((entry, index) => {
    checkRuleId(entry.rule, ['ignore', index, 'rule']);
    if (entry.path !== undefined && leavesDirectory(entry.path))
      problem(
        ['ignore', index, 'path'],
        `ignore[${index}].path must be a glob inside the config file's directory (no ".."); got "${entry.path}"`,
      );
    if (entry.until !== undefined && !isRealDay(entry.until))
      problem(
        ['ignore', index, 'until'],
        `ignore[${index}].until must be a day that exists, written YYYY-MM-DD; got "${entry.until}"`,
      );
  });
  return problems;
}

/** Validates one parsed document. Dates in `until` are replaced by their written text on the way. */
export function validateConfig(
  root: unknown,
  locator: ConfigLocator,
  lines: readonly string[],
  ruleIds: ReadonlySet<string>,
): Validation {
  normaliseDays(root, locator, lines);
  const validate = validateSchema;
  if (!validate(root)) {
    const problems = (validate.errors ?? []).map((error) => schemaProblem(error, root, locator));
    return { ok: false, problems: problems.sort(byPosition) };
  }
  const problems = meaningProblems(root, locator, ruleIds);
  return problems.length > 0
    ? { ok: false, problems: problems.sort(byPosition) }
    : { ok: true, config: root };
}
