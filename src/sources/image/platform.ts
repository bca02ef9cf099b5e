// Platforms as `os/architecture[/variant]` (`linux/amd64`, `linux/arm64/v8`, `linux/arm/v7`).

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

export const DEFAULT_PLATFORM = 'linux/amd64';

const ARCH_ALIASES: Record<string, string> = { x86_64: 'amd64', 'x86-64': 'amd64', aarch64: 'arm64' };

/** `linux/arm64/v8` → its parts; `undefined` when it is not two or three non-empty words. */
export function parsePlatform(text: string): Platform | undefined {
  const parts = text.trim().toLowerCase().split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((part) => part === '')) return undefined;
  const [os, architecture, variant] = parts as [string, string, string | undefined];
  return { os, architecture: ARCH_ALIASES[architecture] ?? architecture, ...(variant ? { variant } : {}) };
}

/** The platform of an index descriptor's `platform` or of an image config (`os`, `architecture`, `variant`). */
export function platformOf(value: unknown): Platform | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const { os, architecture, variant } = value as Record<string, unknown>;
  if (typeof os !== 'string' || typeof architecture !== 'string' || os === '' || architecture === '') {
    return undefined;
  }
  const arch = architecture.toLowerCase();
  return {
    os: os.toLowerCase(),
    architecture: ARCH_ALIASES[arch] ?? arch,
    ...(typeof variant === 'string' && variant !== '' ? { variant: variant.toLowerCase() } : {}),
  };
}

export function formatPlatform(platform: Platform): string {
  return [platform.os, platform.architecture, platform.variant].filter(Boolean).join('/');
}

/**
 * True when `have` is what `want` asks for: same os and architecture, and the same variant when `want` names
 * one (`linux/arm64` and `linux/arm64/v8` are the same platform: v8 is arm64's only variant).
 */
export function platformMatches(want: Platform, have: Platform): boolean {
  if (want.os !== have.os || want.architecture !== have.architecture) return false;
  if (want.variant === undefined) return true;
  const variant = have.variant ?? (have.architecture === 'arm64' ? 'v8' : undefined);
  return variant === want.variant;
}
