// `--mount type=bind,source=/a,target=/b,readonly`: comma-separated key=value fields, read as the Docker
// CLI reads them (a CSV record: a field may be double-quoted to hold commas, `""` is a quote).
import type { WorkloadMount } from '../../subjects/workload.js';
import { parseGoBool } from '../shared/workload-builder.js';

export type MountSpec = Omit<WorkloadMount, 'at'>;

/** Splits one CSV record: `a,"b,c",d` → `a`, `b,c`, `d`. */
export function splitCsvRecord(text: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields;
}

const MOUNT_TYPES = new Set(['bind', 'volume', 'tmpfs']);

/** The mount `--mount` describes; `undefined` without a target (the CLI refuses it). */
export function parseMountFlag(text: string): MountSpec | undefined {
  let type = 'volume';
  let source: string | undefined;
  let target: string | undefined;
  let readOnly = false;
  let propagation: string | undefined;
  for (const field of splitCsvRecord(text)) {
    const equals = field.indexOf('=');
    const key = (equals === -1 ? field : field.slice(0, equals)).trim().toLowerCase();
    const value = equals === -1 ? undefined : field.slice(equals + 1);
    switch (key) {
      case 'type':
        type = (value ?? '').trim().toLowerCase();
        break;
      case 'source':
      case 'src':
        source = value;
        break;
      case 'target':
      case 'destination':
      case 'dst':
        target = value;
        break;
      case 'readonly':
      case 'ro':
        // A bare `readonly` is true; a value is a Go boolean (`readonly=false`, `ro=1`).
        readOnly = value === undefined ? true : (parseGoBool(value.trim()) ?? readOnly);
        break;
      case 'bind-propagation':
        propagation = value;
        break;
    }
  }
  if (target === undefined || target === '') return undefined;
  const mount: MountSpec = {
    type: MOUNT_TYPES.has(type) ? (type as MountSpec['type']) : 'other',
    target,
    readOnly,
  };
  if (source !== undefined && source !== '') mount.source = source;
  if (propagation !== undefined && propagation !== '') mount.propagation = propagation;
  return mount;
}
