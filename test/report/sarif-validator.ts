// Validates SARIF logs against the OASIS SARIF 2.1.0 schema (JSON Schema draft-04), with the schema's
// `uri`, `uri-reference` and `date-time` formats checked for real, so a badly encoded URI fails a test.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ajvDraft04 from 'ajv-draft-04';
import { ROOT } from '../run-cli.js';

// A CommonJS module: under NodeNext TypeScript sees its `exports.default` as `.default` (the class).
const Ajv = ajvDraft04.default;

const SCHEMA_PATH = join(ROOT, '..', 'shared', 'schemas', 'sarif-schema-2.1.0.json');

/** RFC 3986: only unreserved, reserved and `%` characters, and every `%` starts a two-digit escape. */
function isUriReference(value: string): boolean {
  return /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/.test(value);
}

function isUri(value: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(value) && isUriReference(value);
}

/** RFC 3339 date-time, as SARIF timestamps are written. */
function isDateTime(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i.test(value);
}

const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addFormat('uri', isUri);
ajv.addFormat('uri-reference', isUriReference);
ajv.addFormat('date-time', isDateTime);
const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as object);

/** The schema violations of a SARIF log, one readable line each; empty when the log is valid. */
export function sarifErrors(log: unknown): string[] {
  if (validate(log)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`);
}
