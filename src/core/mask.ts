// How every output shows a secret: its first and last two characters at most. Sources that must keep a
// credential-shaped value (a Docker CLI config's `auth`) keep only this; rules mask what they quote with it.

export function mask(value: string): string {
  const text = value.trim();
  if (text.length < 12) return '****';
  return `${text.slice(0, 2)}****${text.slice(-2)}`;
}
