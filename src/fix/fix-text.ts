// Fixes of compose services and Kubernetes containers, text in → text out. A finding is mapped to the
// service or container whose lines hold it; each fix then re-parses the text, finds that node again by its
// path and splices its edits in, so several fixes of one node (three keys of a new securityContext) meet.
import { type Document, isMap, isScalar, isSeq, parseAllDocuments, type Scalar, type YAMLMap } from 'yaml';
import {
  appendItem,
  applyEdits,
  CannotFix,
  deletePair,
  type Edit,
  type EditContext,
  editContext,
  findPair,
  insertPairs,
  lineStart,
  type NewValue,
  setScalar,
} from './edit.js';

export const FIXABLE_RULES = [
  'D04.privileged',
  'D04.no-new-privileges',
  'D04.capabilities-not-dropped',
  'D09.writable-rootfs',
] as const;
export type FixableRule = (typeof FIXABLE_RULES)[number];

export function isFixable(ruleId: string): ruleId is FixableRule {
  return (FIXABLE_RULES as readonly string[]).includes(ruleId);
}

/** A compose service or a Kubernetes container: where it is, and how to find it again after an edit. */
export interface FixTarget {
  kind: 'compose' | 'kubernetes';
  document: number;
  path: (string | number)[];
  /** `service "web"`, `container "web"`. */
  name: string;
  /** 1-based, inclusive. */
  firstLine: number;
  lastLine: number;
}

export interface FixRequest {
  ruleId: FixableRule;
  /** The finding's line (1-based). */
  line: number;
}

export interface AppliedFix {
  ruleId: FixableRule;
  target: string;
}

export interface SkippedFix {
  ruleId: FixableRule;
  line: number;
  reason: string;
}

export interface TextFixResult {
  text: string;
  applied: AppliedFix[];
  skipped: SkippedFix[];
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

function parse(text: string): Document.Parsed[] {
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
  into: FixTarget[],
): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      if (CONTAINER_LISTS.has(key) && isSeq(pair.value))
        pair.value.items.forEach((item, index) => {
          if (!isMap(item) || !item.range) return;
          const name = isScalar(item.get('name', true)) ? String(item.get('name')) : `#${index + 1}`;
          into.push({
            kind: 'kubernetes',
            document,
            path: [...path, key, index],
            name: `container "${name}"`,
            ...span(text, lineStart(text, item.range[0]), item.range[1]),
          });
        });
      kubernetesTargets(text, pair.value, [...path, key], document, into);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => kubernetesTargets(text, item, [...path, index], document, into));
  }
}

/** The compose services and Kubernetes containers of a YAML text. */
export function findTargets(text: string): FixTarget[] {
  const targets: FixTarget[] = [];
  parse(text).forEach((doc, document) => {
    const root = doc.contents;
    if (!isMap(root)) return;
    if (root.has('apiVersion') && root.has('kind')) {
      kubernetesTargets(text, root, [], document, targets);
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

function scalarPair(map: YAMLMap, key: string): Scalar | undefined {
  const value = findPair(map, key)?.value;
  if (value === undefined || value === null) return undefined;
  if (!isScalar(value)) throw new CannotFix(`${key} is not a single value`);
  return value;
}

const hasAll = (items: readonly unknown[]): boolean =>
  items.some((item) => isScalar(item) && /^(CAP_)?ALL$/i.test(String(item.value).trim()));

/**
 * Sets `keys` (nested mappings, then a leaf) under `map`, creating what is missing. The leaf is a boolean
 * written as is, or an item that a list must hold (`drop: [ALL]`).
 */
function setIn(
  ctx: EditContext,
  map: YAMLMap,
  keys: readonly string[],
  leaf: { boolean: boolean } | { item: string },
): Edit[] {
  let current = map;
  for (const [index, key] of keys.entries()) {
    const pair = findPair(current, key);
    const value: unknown = pair?.value;
    if (pair === undefined) {
      let nested: NewValue = 'boolean' in leaf ? String(leaf.boolean) : `[${leaf.item}]`;
      for (const outer of keys.slice(index + 1).reverse()) nested = [[outer, nested]];
      return [insertPairs(ctx, current, [[key, nested]])];
    }
    if (index < keys.length - 1) {
      if (!isMap(value)) throw new CannotFix(`${key} is not a mapping`);
      current = value;
      continue;
    }
    if ('boolean' in leaf) {
      if (!isScalar(value)) throw new CannotFix(`${key} is not a single value`);
      return value.value === leaf.boolean ? [] : [setScalar(ctx, value, String(leaf.boolean), false)];
    }
    if (!isSeq(value)) throw new CannotFix(`${key} is not a list`);
    return hasAll(value.items) ? [] : [appendItem(ctx, value, leaf.item)];
  }
  return [];
}

function composeEdits(ctx: EditContext, service: YAMLMap, ruleId: FixableRule): Edit[] {
  switch (ruleId) {
    case 'D04.privileged': {
      const pair = findPair(service, 'privileged');
      if (!pair) return [];
      const removal = deletePair(ctx, service, pair);
      if (removal) return [removal];
      const value = scalarPair(service, 'privileged');
      return value ? [setScalar(ctx, value, 'false', false)] : [];
    }
    case 'D04.no-new-privileges': {
      const options = findPair(service, 'security_opt')?.value;
      if (options === undefined || options === null)
        return [insertPairs(ctx, service, [['security_opt', '[no-new-privileges:true]']])];
      if (!isSeq(options)) throw new CannotFix('security_opt is not a list');
      const existing = options.items.find(
        (item) => isScalar(item) && /^\s*no-new-privileges\s*([:=]|$)/i.test(String(item.value)),
      );
      if (isScalar(existing)) return [setScalar(ctx, existing, 'no-new-privileges:true', true)];
      return [appendItem(ctx, options, 'no-new-privileges:true')];
    }
    case 'D04.capabilities-not-dropped': {
      const drop = findPair(service, 'cap_drop')?.value;
      if (drop === undefined || drop === null) return [insertPairs(ctx, service, [['cap_drop', '[ALL]']])];
      if (!isSeq(drop)) throw new CannotFix('cap_drop is not a list');
      return hasAll(drop.items) ? [] : [appendItem(ctx, drop, 'ALL')];
    }
    case 'D09.writable-rootfs': {
      const edits: Edit[] = [];
      const adds: [string, NewValue][] = [];
      const readOnly = scalarPair(service, 'read_only');
      if (readOnly) {
        if (readOnly.value !== true) edits.push(setScalar(ctx, readOnly, 'true', false));
      } else adds.push(['read_only', 'true']);
      const volumes = service.get('volumes', true);
      const tmpfsVolume =
        isSeq(volumes) && volumes.items.some((item) => isMap(item) && item.get('type') === 'tmpfs');
      if (!service.has('tmpfs') && !tmpfsVolume) adds.push(['tmpfs', '[/tmp]']);
      if (adds.length > 0) edits.push(insertPairs(ctx, service, adds));
      return edits;
    }
  }
}

function kubernetesEdits(ctx: EditContext, container: YAMLMap, ruleId: FixableRule): Edit[] {
  switch (ruleId) {
    case 'D04.privileged':
      return setIn(ctx, container, ['securityContext', 'privileged'], { boolean: false });
    case 'D04.no-new-privileges':
      return setIn(ctx, container, ['securityContext', 'allowPrivilegeEscalation'], { boolean: false });
    case 'D04.capabilities-not-dropped':
      return setIn(ctx, container, ['securityContext', 'capabilities', 'drop'], { item: 'ALL' });
    case 'D09.writable-rootfs':
      return setIn(ctx, container, ['securityContext', 'readOnlyRootFilesystem'], { boolean: true });
  }
}

/** The node of a target in a fresh parse of the (already edited) text. */
function targetNode(text: string, target: FixTarget): YAMLMap {
  const node = parse(text)[target.document]?.getIn(target.path, true);
  if (!isMap(node)) throw new CannotFix(`${target.name} is no longer a mapping`);
  return node;
}

/**
 * Fixes the findings of one file. Findings outside every service and container (an anchor shared through
 * `<<:`, a pod-level field) are skipped with the reason. When `D04.privileged` is fixed and
 * `D04.capabilities-not-dropped` is among `rules`, the capabilities are dropped too: the rule stays quiet
 * only while the container is privileged, so removing that alone would bring its finding.
 */
export function fixText(
  text: string,
  requests: readonly FixRequest[],
  rules: readonly FixableRule[] = FIXABLE_RULES,
): TextFixResult {
  const skipped: SkippedFix[] = [];
  let targets: FixTarget[];
  try {
    targets = findTargets(text);
  } catch (error) {
    if (!(error instanceof CannotFix)) throw error;
    return { text, applied: [], skipped: requests.map((r) => ({ ...r, reason: error.message })) };
  }
  const planned = new Map<FixTarget, Set<FixableRule>>();
  for (const request of requests) {
    const holding = targets
      .filter((t) => t.firstLine <= request.line && request.line <= t.lastLine)
      .sort((a, b) => a.lastLine - a.firstLine - (b.lastLine - b.firstLine))[0];
    if (!holding) {
      skipped.push({ ...request, reason: 'not inside a compose service or Kubernetes container' });
      continue;
    }
    const set = planned.get(holding) ?? new Set<FixableRule>();
    set.add(request.ruleId);
    if (request.ruleId === 'D04.privileged' && rules.includes('D04.capabilities-not-dropped'))
      set.add('D04.capabilities-not-dropped');
    planned.set(holding, set);
  }
  let current = text;
  const applied: AppliedFix[] = [];
  for (const [target, set] of planned) {
    for (const ruleId of FIXABLE_RULES.filter((id) => set.has(id))) {
      try {
        const ctx = editContext(current);
        const node = targetNode(current, target);
        const edits =
          target.kind === 'compose' ? composeEdits(ctx, node, ruleId) : kubernetesEdits(ctx, node, ruleId);
        if (edits.length === 0) continue;
        current = applyEdits(current, edits);
        applied.push({ ruleId, target: target.name });
      } catch (error) {
        if (!(error instanceof CannotFix)) throw error;
        skipped.push({ ruleId, line: target.firstLine, reason: `${target.name}: ${error.message}` });
      }
    }
  }
  return { text: current, applied, skipped };
}
