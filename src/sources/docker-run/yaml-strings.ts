// `docker run` lines in the string values of a YAML file that is neither compose nor Kubernetes: CI
// pipelines (GitHub Actions `run:` steps, GitLab CI `script:` lists) and whatever else holds shell text.
// A string's characters are matched back to the file text, so a flag on the third line of a `run: |`
// block is reported on that line.
import type { YamlPositions } from '../yaml/positions.js';
import type { SourceLocation } from '../../core/location.js';
import type { Workload } from '../../subjects/workload.js';
import { alignText } from './align.js';
import { LineIndex } from './line-index.js';
import { runLinesIn } from './load.js';

/** The workloads of the run lines in every string value of `documents`. */
export function yamlRunLines(
  documents: readonly unknown[],
  positions: YamlPositions,
  text: string,
  path: string,
): Workload[] {
  // Positions count offsets without a byte order mark, as the YAML reader does.
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const index = new LineIndex(input, path);
  const workloads: Workload[] = [];
  const seen = new Set<object>();
  const candidate = (value: string, at: SourceLocation | undefined): void => {
    const scalarStart = at ? index.offset(at.line, at.column) : 0;
    let map: Int32Array | undefined;
    const locate = (offset: number): SourceLocation => {
      map ??= alignText(input, scalarStart, value);
      return index.location(map[Math.min(offset, value.length)]!);
    };
    workloads.push(...runLinesIn(value, locate));
  };
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      node.forEach((item, i) =>
        typeof item === 'string' ? candidate(item, positions.item(node, i)) : visit(item),
      );
      return;
    }
    for (const [key, value] of Object.entries(node))
      if (typeof value === 'string') candidate(value, positions.value(node, key));
      else visit(value);
  };
  for (const document of documents) visit(document);
  return workloads;
}
