// The config schema itself: valid draft-07 (validate.ts skips that check at run time to compile faster).
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { CONFIG_SCHEMA } from '../../src/config/schema.js';

describe('CONFIG_SCHEMA', () => {
  it('is a valid draft-07 schema that ajv compiles in strict mode', () => {
    const ajv = new Ajv({ strict: true });
    expect(ajv.validateSchema(CONFIG_SCHEMA), JSON.stringify(ajv.errors)).toBe(true);
    expect(() => ajv.compile(CONFIG_SCHEMA)).not.toThrow();
  });

  it('closes every mapping except the rule id → severity map', () => {
    const open: string[] = [];
    const visit = (node: unknown, path: string): void => {
      if (node === null || typeof node !== 'object') return;
      const schema = node as Record<string, unknown>;
      if (schema.type === 'object' && schema.additionalProperties !== false) open.push(path);
      for (const [key, value] of Object.entries(schema)) visit(value, `${path}/${key}`);
    };
    visit(CONFIG_SCHEMA, '');
    expect(open).toEqual(['/properties/rules/properties/severity']);
  });
});
