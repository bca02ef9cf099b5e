// The shape of `.dt10.yaml` as a draft-07 JSON schema. It checks shapes and closed value sets only; which
// rule ids exist, real calendar dates and paths that stay inside the project are checked after it
// (validate.ts), where the messages can suggest the id that was meant.
import { CATEGORY_IDS } from '../core/category.js';
import { SEVERITIES } from '../core/severity.js';

/** The config as the schema admits it, before `until` dates and rule ids are checked. */
export interface RawConfig {
  failOn?: (typeof FAIL_ON_VALUES)[number];
  rules?: { disable?: string[]; enable?: string[]; severity?: Record<string, (typeof SEVERITIES)[number]> };
  categories?: { disable?: (typeof CATEGORY_IDS)[number][] };
  settings?: RawSettings;
  exclude?: string[];
  ignore?: RawIgnore[];
  fix?: RawFixValues;
}

/** The values `dt10 fix` writes (see src/fix/types.ts FixValues). */
export interface RawFixValues {
  memory?: string;
  cpus?: string | number;
  pids?: number;
  uid?: number;
  logMaxSize?: string;
  logMaxFile?: number;
}

/** Settings under the names of the CLI flags that set them (`tiers`, not `tierValues`). */
export interface RawSettings {
  allowedRegistries?: string[];
  environmentLabels?: string[];
  productionValues?: string[];
  tierLabels?: string[];
  tiers?: string[];
  digestSeverity?: (typeof SEVERITIES)[number];
  eolWarningDays?: number;
  maxImageAgeDays?: number;
  setuidAllowList?: string[];
}

export interface RawIgnore {
  rule: string;
  path?: string;
  reason: string;
  until?: string;
}

export const FAIL_ON_VALUES = [...SEVERITIES, 'none'] as const;

/** `YYYY-MM-DD`; whether the day exists is checked after the schema. */
export const DAY_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';

// Error messages read `description` for pattern and length failures ("must be <description>"), so each
// such description is written to follow "must be".
const stringList = (description: string) => ({
  type: 'array',
  items: { type: 'string' },
  description,
});

export const CONFIG_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'dt10 configuration (.dt10.yaml)',
  type: 'object',
  additionalProperties: false,
  properties: {
    failOn: {
      enum: [...FAIL_ON_VALUES],
      description: 'the lowest severity that makes `dt10 scan` exit with code 1; none never fails',
    },
    rules: {
      type: 'object',
      additionalProperties: false,
      properties: {
        disable: stringList('rule ids that are not run'),
        enable: stringList('rule ids run even though their category is disabled'),
        severity: {
          type: 'object',
          additionalProperties: { enum: [...SEVERITIES] },
          description: 'rule id → the severity every finding of that rule gets',
        },
      },
    },
    categories: {
      type: 'object',
      additionalProperties: false,
      properties: {
        disable: {
          type: 'array',
          items: { enum: [...CATEGORY_IDS] },
          description: 'OWASP Docker Top 10 categories whose rules are not run',
        },
      },
    },
    settings: {
      type: 'object',
      additionalProperties: false,
      properties: {
        allowedRegistries: stringList('registries, paths or *.domains images may come from'),
        environmentLabels: stringList('label keys naming the environment a workload belongs to'),
        productionValues: stringList('values of those labels that mean production'),
        tierLabels: stringList('label keys naming the tier a workload belongs to'),
        tiers: stringList('tier values that must not share a network'),
        digestSeverity: { enum: [...SEVERITIES], description: 'severity of an image without a digest' },
        eolWarningDays: {
          type: 'integer',
          minimum: 0,
          description: 'days before a base image reaches end of life to start warning (0: off)',
        },
        maxImageAgeDays: {
          type: 'integer',
          minimum: 1,
          description: 'days after which an image is stale',
        },
        setuidAllowList: {
          type: 'array',
          items: {
            type: 'string',
            pattern: '^/',
            description: 'an absolute path or glob, such as /usr/bin/passwd or /opt/app/bin/*',
          },
          description: 'setuid/setgid files an image may keep (paths or globs)',
        },
      },
    },
    exclude: stringList('path globs (gitignore syntax) relative to the config file, not scanned'),
    fix: {
      type: 'object',
      additionalProperties: false,
      description: 'the values dt10 fix writes',
      properties: {
        memory: {
          type: 'string',
          pattern: '^[0-9]+(\\.[0-9]+)?[bkmgBKMG]?$',
          description: "a memory size in Docker's notation, such as 512m or 1g",
        },
        cpus: {
          anyOf: [
            { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)?$' },
            { type: 'number', exclusiveMinimum: 0 },
          ],
          description: 'a number of CPUs, such as 1 or 0.5',
        },
        pids: { type: 'integer', minimum: 1, description: 'the PIDs limit' },
        uid: {
          type: 'integer',
          minimum: 1,
          maximum: 2147483647,
          description: 'the non-root UID (and GID) fixes run containers as',
        },
        logMaxSize: {
          type: 'string',
          pattern: '^[0-9]+[kmg]$',
          description: 'a log file size for rotation, such as 10m',
        },
        logMaxFile: { type: 'integer', minimum: 1, description: 'how many rotated log files to keep' },
      },
    },
    ignore: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['rule', 'reason'],
        properties: {
          rule: { type: 'string', description: 'the rule id whose findings are accepted' },
          path: {
            type: 'string',
            minLength: 1,
            description: 'a path glob (gitignore syntax) relative to the config file',
          },
          reason: {
            type: 'string',
            pattern: '\\S',
            description: 'a non-empty reason why the finding is accepted',
          },
          until: {
            type: 'string',
            pattern: DAY_PATTERN,
            description: 'a day written YYYY-MM-DD, such as 2027-01-31',
          },
        },
      },
    },
  },
} as const;
