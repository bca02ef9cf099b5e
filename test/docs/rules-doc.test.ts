// docs/rules.md is generated from the rules' metadata (`npm run docs`): this test fails when it is stale.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue, rulesMarkdown } from '../../src/report/rules.js';
import { ALL_RULES } from '../../src/rules/index.js';
import { ROOT } from '../run-cli.js';

describe('docs/rules.md', () => {
  it('is what `npm run docs` generates from the catalogue today (run it if this fails)', () => {
    const onDisk = readFileSync(join(ROOT, 'docs', 'rules.md'), 'utf8');
    expect(onDisk).toBe(rulesMarkdown(ALL_RULES));
  });

  it('documents every rule', () => {
    const onDisk = readFileSync(join(ROOT, 'docs', 'rules.md'), 'utf8');
    for (const rule of catalogue(ALL_RULES)) expect(onDisk).toContain(`### ${rule.id}: ${rule.title}`);
  });
});
