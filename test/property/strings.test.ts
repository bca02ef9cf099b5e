// Any text at all, as any kind of file: loading never throws, never hangs, and reports what it cannot read
// as an error entry naming the file.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import type { FileKind } from '../../src/scan/discover.js';
import { loadChecked, RUNS } from './support.js';

const KINDS: FileKind[] = ['dockerfile', 'compose', 'kubernetes', 'yaml', 'auto'];

/** Random text with more of the characters that mean something to the parsers than chance would give. */
const text = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  fc.string({ unit: 'binary', maxLength: 100 }),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString('utf8')),
  fc
    .array(
      fc.constantFrom(
        'FROM ',
        'ARG ',
        'RUN ',
        'USER ',
        'services:',
        'apiVersion: v1',
        'kind: ',
        'List',
        'items:',
        '\n',
        '  ',
        '- ',
        ': ',
        '{',
        '}',
        '[',
        ']',
        '&a',
        '*a',
        '<<',
        '$',
        '${',
        '}',
        '\\',
        '`',
        '#',
        '# escape=`\n',
        '<<EOF\n',
        'EOF\n',
        '"',
        "'",
        'x',
        '1',
        '---\n',
      ),
      { maxLength: 60 },
    )
    .map((parts) => parts.join('')),
);

describe('loadText on random text', () => {
  for (const kind of KINDS) {
    it(`never throws on random text as ${kind}`, async () => {
      await fc.assert(
        fc.asyncProperty(text, fc.boolean(), async (input, explicit) => {
          await loadChecked(`random.${kind}`, input, kind, explicit);
        }),
        { numRuns: RUNS },
      );
    });
  }
});
