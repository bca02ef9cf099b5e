// The config schema's validator is generated ahead of time (scripts/config-validator.mjs) and committed:
// it must be what the script makes from today's schema, and judge as ajv compiling the schema at run time does.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM script, without types
import { configValidatorSource, GENERATED_PATH } from '../../scripts/config-validator.mjs';
import { CONFIG_SCHEMA } from '../../src/config/schema.js';
import validate from '../../src/config/schema-validator.generated.js';

describe('the generated config validator', () => {
  it('is up to date with src/config/schema.ts (npm run config-validator rewrites it)', async () => {
    expect(readFileSync(GENERATED_PATH as string, 'utf8')).toBe(
      await (configValidatorSource as () => Promise<string>)(),
    );
  });

  it('gives the errors ajv gives when it compiles the schema at run time', () => {
    const compiled = new Ajv({ allErrors: true, verbose: true, strict: true, validateSchema: false }).compile(
      CONFIG_SCHEMA,
    );
    const configs: unknown[] = [
      {},
      { failOn: 'high', rules: { disable: ['D04.privileged'] } },
      { failOn: 'urgent', rules: { disable: 'D04.privileged', severity: { 'D04.privileged': 'huge' } } },
      { settings: { allowedRegistries: [''], eolWarningDays: -1 }, unknown: true },
      { ignore: [{ rule: 'D04.privileged' }], exclude: [3], fix: { memory: 512 } },
      'not a mapping',
      { categories: { disable: ['D11'] }, ignore: [{ rules: [], reason: '\ud83d\ude00'.repeat(3) }] },
    ];
    for (const config of configs) {
      expect(validate(config)).toBe(compiled(config));
      expect(validate.errors ?? null).toEqual(compiled.errors ?? null);
    }
  });
});
