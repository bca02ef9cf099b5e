// Docker `--security-opt` / compose `security_opt` values, in either `key:value` or `key=value` form.
export interface SecurityOpt {
  key: string;
  value: string;
}

export function parseSecurityOpt(text: string): SecurityOpt {
  const trimmed = text.trim();
  const separator = trimmed.search(/[:=]/);
  if (separator === -1) return { key: trimmed.toLowerCase(), value: '' };
  return { key: trimmed.slice(0, separator).toLowerCase(), value: trimmed.slice(separator + 1) };
}
