// Dockerfiles built from arbitrary pieces (stages, global ARGs, escape directive, flags, continuations,
// heredocs, lower-case keywords), loaded as they are and then damaged: a valid one loads completely, a
// damaged one never throws and any failure is an error entry with the file and line.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadChecked, mutated, RUNS } from './support.js';

const word = fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}$/);
const keywordCase = (keyword: string) => fc.constantFrom(keyword, keyword.toLowerCase());

interface Piece {
  lines: string[];
  /** Instructions this piece adds (a continuation or heredoc is one instruction over several lines). */
  instructions: number;
}

/** One instruction of a stage, written with the escape character `e`. */
function instruction(e: string): fc.Arbitrary<Piece> {
  const one = (line: fc.Arbitrary<string>) => line.map((l) => ({ lines: [l], instructions: 1 }));
  return fc.oneof(
    one(fc.tuple(keywordCase('RUN'), word, word).map(([k, a, b]) => `${k} ${a} ${b}`)),
    one(
      fc
        .tuple(
          keywordCase('USER'),
          fc.oneof(word, fc.constantFrom('0', 'root', '1000:1000', '$UID', '${U:-app}')),
        )
        .map(([k, u]) => `${k} ${u}`),
    ),
    one(
      fc
        .tuple(keywordCase('ARG'), word, fc.option(word))
        .map(([k, n, v]) => `${k} ${n.toUpperCase().replace(/-/g, '_')}${v ? `=${v}` : ''}`),
    ),
    one(
      fc
        .tuple(keywordCase('ENV'), word, word)
        .map(([k, n, v]) => `${k} ${n.toUpperCase().replace(/-/g, '_')}=${v}`),
    ),
    one(fc.tuple(keywordCase('CMD'), word, word).map(([k, a, b]) => `${k} ["${a}", "${b}"]`)),
    one(
      fc
        .tuple(
          keywordCase('COPY'),
          fc.subarray(['--chown=app:app', '--chmod=755', '--link', '--from=build']),
          word,
        )
        .map(([k, flags, src]) => `${k} ${flags.join(' ')} ${src} /app/`),
    ),
    one(
      fc.tuple(keywordCase('RUN'), word).map(([k, w]) => `${k} --mount=type=cache,target=/root/.cache ${w}`),
    ),
    // A continuation with comment and blank lines inside it.
    fc.tuple(keywordCase('RUN'), word, word, fc.boolean()).map(([k, a, b, comment]) => ({
      lines: [`${k} ${a} ${e}`, ...(comment ? ['  # a comment', ''] : []), `  ${b}`],
      instructions: 1,
    })),
    // A heredoc.
    fc.tuple(keywordCase('RUN'), fc.array(word, { maxLength: 3 })).map(([k, body]) => ({
      lines: [`${k} <<EOF`, ...body, 'EOF'],
      instructions: 1,
    })),
    one(fc.constantFrom('# a comment', '')).map((p) => ({ ...p, instructions: 0 })),
  );
}

interface Generated {
  text: string;
  stages: number;
  instructions: number;
}

const dockerfile: fc.Arbitrary<Generated> = fc
  .tuple(
    fc.constantFrom('\\', '`'),
    fc.array(fc.tuple(word, word), { maxLength: 2 }),
    fc.integer({ min: 1, max: 4 }),
    fc.boolean(),
  )
  .chain(([e, globals, stageCount, crlf]) =>
    fc
      .tuple(
        ...Array.from({ length: stageCount }, (_, index) =>
          fc.tuple(
            keywordCase('FROM'),
            fc.constantFrom(
              'alpine:3.20',
              'node:20',
              'scratch',
              'ghcr.io/o/a@sha256:abc',
              '${BASE:-debian}',
              '$BASE',
            ),
            fc.boolean(),
            fc.array(instruction(e), { maxLength: 6 }),
            fc.constant(index),
          ),
        ),
      )
      .map((stages) => {
        const lines: string[] = [];
        if (e === '`') lines.push('# escape=`');
        let instructions = 0;
        for (const [name, value] of globals) {
          lines.push(`ARG ${name.toUpperCase().replace(/-/g, '_')}=${value}`);
          instructions++;
        }
        for (const [from, image, named, body, index] of stages) {
          // A later stage may start from an earlier one.
          const base = index > 0 && named ? `stage${index - 1}` : image;
          lines.push(`${from} ${base} AS stage${index}`);
          instructions++;
          for (const piece of body) {
            lines.push(...piece.lines);
            instructions += piece.instructions;
          }
        }
        return {
          text: lines.join(crlf ? '\r\n' : '\n') + (crlf ? '\r\n' : '\n'),
          stages: stages.length,
          instructions,
        };
      }),
  );

describe('Dockerfiles', () => {
  it('loads every generated Dockerfile completely', async () => {
    await fc.assert(
      fc.asyncProperty(dockerfile, async ({ text, stages, instructions }) => {
        const loaded = await loadChecked('Dockerfile', text, 'dockerfile', false);
        expect(loaded.errors).toEqual([]);
        const [spec] = loaded.builds;
        expect(spec!.stages).toHaveLength(stages);
        const all = spec!.stages.flatMap((s) => s.instructions);
        expect(all.length + spec!.globalArgs.length).toBe(instructions);
        // Instructions are in file order, each starting at column 1.
        const lines = all.map((i) => i.at.line);
        expect([...lines].sort((a, b) => a - b)).toEqual(lines);
        for (const i of all) expect(i.at.column).toBe(1);
        // Heredoc and continuation lines never become instructions of their own.
        for (const i of all)
          expect(['FROM', 'RUN', 'USER', 'ARG', 'ENV', 'CMD', 'COPY']).toContain(i.keyword);
      }),
      { numRuns: RUNS },
    );
  });

  it('never throws on a damaged Dockerfile, as a Dockerfile or by content', async () => {
    await fc.assert(
      fc.asyncProperty(
        mutated(dockerfile.map((d) => d.text)),
        fc.constantFrom('dockerfile', 'auto'),
        async (text, kind) => {
          const loaded = await loadChecked('Dockerfile', text, kind, true);
          if (kind === 'dockerfile' && loaded.builds.length === 0) {
            expect(loaded.errors).toHaveLength(1);
            // The Dockerfile parser always knows the line (a NUL byte is refused before parsing).
            if (loaded.errors[0]!.message.startsWith('Dockerfile:'))
              expect(loaded.errors[0]!.line).toBeGreaterThanOrEqual(1);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});
