// Where YAML fixes apply: compose services, Kubernetes containers, and the pod specs holding them (pod-wide
// settings: the service-account token, a default seccomp profile). Each target is found again by its
// path after every edit, since edits move offsets.
import { type Document, isMap, isScalar, isSeq, parseAllDocuments } from 'yaml';
import { CannotFix, lineStart } from '../edit.js';

export type TargetKind = 'compose' | 'container' | 'pod';

export interface FixTarget {
  kind: TargetKind;
  document: number;
  path: (string | number)[];
  /** `service "web"`, `container "web"`, `pod spec of Deployment "api"`. */
  name: string;
  /** 1-based, inclusive. */
  firstLine: number;
  lastLine: number;
  /** A container's pod spec (the mapping holding `containers`). */
  podPath?: (string | number)[];
}

const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) line++;
  return line;
}

function span(text: string, start: number, end: number): { firstLine: number; lastLine: number } {
  let last = end;
  while (last > start && /\s/.test(text.charAt(last - 1))) last--;
  return { firstLine: lineOf(text, start), lastLine: lineOf(text, Math.max(start, last - 1)) };
}

export function parseYaml(text: string): Document.Parsed[] {
  const documents = parseAllDocuments(text);
  if (!Array.isArray(documents)) return [];
  if (documents.some((document) => document.errors.length > 0))
    throw new CannotFix('the YAML does not parse');
  return documents;
}

function kubernetesTargets(
  text: string,
  node: unknown,
  path: (string | number)[],
  document: number,
  owner: string,
  into: FixTarget[],
): void {
  if (isMap(node)) {
    if (node.items.some((pair) => isScalar(pair.key) && pair.key.value === 'containers') && node.range)
      into.push({
        kind: 'pod',
        document,
        path,
        name: `pod spec of ${owner}`,
        ...span(text, lineStart(text, node.range[0]), node.range[1]),
      });
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      if (CONTAINER_LISTS.has(key) && isSeq(pair.value))
        pair.value.items.forEach((item, index) => {
          if (!isMap(item) || !item.range) return;
          const name = isScalar(item.get('name', true)) ? String(item.get('name')) : `#${index + 1}`;
          into.push({
            kind: 'container',
            document,
            path: [...path, key, index],
            podPath: path,
            name: `container "${name}"`,
            ...span(text, lineStart(text, item.range[0]), item.range[1]),
          });
        });
      kubernetesTargets(text, pair.value, [...path, key], document, owner, into);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) =>
      kubernetesTargets(text, item, [...path, index], document, owner, into),
    );
  }
}

/** The compose services, Kubernetes containers and pod specs of a YAML text. */
export function findTargets(text: string): FixTarget[] {
  const targets: FixTarget[] = [];
  parseYaml(text).forEach((doc, document) => {
    const root = doc.contents;
    if (!isMap(root)) return;
    if (root.has('apiVersion') && root.has('kind')) {
      const name = root.getIn(['metadata', 'name']);
      const owner = `${String(root.get('kind'))}${typeof name === 'string' ? ` "${name}"` : ''}`;
      kubernetesTargets(text, root, [], document, owner, targets);
      return;
    }
    const services = root.get('services', true);
    if (!isMap(services)) return;
    for (const pair of services.items) {
      if (!isScalar(pair.key) || !isMap(pair.value) || !pair.key.range || !pair.value.range) continue;
      const name = String(pair.key.value);
      targets.push({
        kind: 'compose',
        document,
        path: ['services', name],
        name: `service "${name}"`,
        ...span(text, pair.key.range[0], pair.value.range[1]),
      });
    }
  });
  return targets;
}

/** The narrowest target holding a line (a container before its pod). */
export function targetAt(targets: readonly FixTarget[], line: number): FixTarget | undefined {
  return targets
    .filter((t) => t.firstLine <= line && line <= t.lastLine)
    .sort((a, b) => a.lastLine - a.firstLine - (b.lastLine - b.firstLine))[0];
}
