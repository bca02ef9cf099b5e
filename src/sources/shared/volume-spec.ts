// Volumes in the short syntax shared by compose `volumes:` and `docker run -v`: `[SOURCE:]TARGET[:MODE]`.
// A source that is a path (absolute, `.`, `~`) is a bind mount; otherwise it names a volume.
export interface VolumeSpec {
  type: 'bind' | 'volume';
  source?: string;
  target: string;
  readOnly: boolean;
  propagation?: string;
}

const PROPAGATIONS = new Set(['shared', 'rshared', 'slave', 'rslave', 'private', 'rprivate']);

export function isHostPath(source: string): boolean {
  return (
    source.startsWith('/') ||
    source.startsWith('.') ||
    source.startsWith('~') ||
    source.startsWith('$') ||
    /^[A-Za-z]:[\\/]/.test(source)
  );
}

export function parseVolumeSpec(text: string): VolumeSpec | undefined {
  const value = text.trim();
  if (value === '') return undefined;
  // A Windows drive letter (`C:\data:/data`) contains a colon that is not a separator.
  const drive = /^[A-Za-z]:[\\/]/.test(value) ? value.slice(0, 2) : '';
  const parts = value.slice(drive.length).split(':');
  if (drive) parts[0] = drive + parts[0];
  let source: string | undefined;
  let target: string;
  let mode = '';
  if (parts.length === 1) target = parts[0]!;
  else if (parts.length === 2) {
    // `/data:ro` is not valid compose; two parts are SOURCE:TARGET.
    source = parts[0];
    target = parts[1]!;
  } else {
    source = parts[0];
    target = parts[1]!;
    mode = parts.slice(2).join(':');
  }
  const options = mode.split(',').map((o) => o.trim().toLowerCase());
  const spec: VolumeSpec = {
    type: source !== undefined && isHostPath(source) ? 'bind' : 'volume',
    target,
    readOnly: options.includes('ro') || options.includes('readonly'),
  };
  if (source !== undefined && source !== '') spec.source = source;
  const propagation = options.find((o) => PROPAGATIONS.has(o));
  if (propagation) spec.propagation = propagation;
  return spec;
}
