// Kernel release strings as uname and package names write them: how two compare, and which flavour a
// release is. The host source sorts installed kernels with them, and the reboot rule compares the running one.

/**
 * Orders kernel releases: digit runs compare as numbers, the rest as text (`6.1.0-20-amd64` < `6.1.0-27-amd64`,
 * `5.15.0-97-generic` < `5.15.0-105-generic`, `5.14.0-362.8.1.el9_3` < `5.14.0-427.13.1.el9_4`).
 */
export function compareKernelVersions(a: string, b: string): number {
  const tokens = (v: string): string[] => v.match(/\d+|[a-z]+|[^a-z\d]+/gi) ?? [];
  const x = tokens(a);
  const y = tokens(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i]!;
    const q = y[i]!;
    if (p === q) continue;
    const pn = /^\d/.test(p);
    const qn = /^\d/.test(q);
    if (pn && qn) return Number(p) - Number(q) || p.length - q.length;
    // A number sorts after a separator or suffix: `6.1.10` > `6.1-rc`, `6.1.0-27` > `6.1.0-rc`.
    if (pn !== qn) return pn ? 1 : -1;
    return p < q ? -1 : 1;
  }
  return x.length - y.length;
}

/**
 * The kernel's flavour, which a newer release of must be installed to replace it: the trailing name without
 * digits (`amd64` of `6.1.0-27-amd64`, `generic`, `aws`, `cloud-amd`, `x86_` of `…el9_3.x86_64`).
 */
export function kernelFlavour(version: string): string {
  const suffix = /[-.]([a-z][a-z0-9_-]*)$/i.exec(version)?.[1] ?? '';
  return suffix.replace(/\d+/g, '');
}
