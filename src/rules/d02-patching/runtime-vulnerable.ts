// D02: the engine, containerd or runc a live engine reports is a version with a known container-escape or
// host-access vulnerability, by the dated table in data/runtime-cves.json (shared/data, compiled from CVE
// records and the projects' advisories). A distribution's package may carry the fix under the old
// version, so such a finding is milder and says how to check.
import type { Placed } from '../../core/location.js';
import { defineRule, type Violation } from '../../core/rule.js';
import { isAtLeast, severityRank, type Severity } from '../../core/severity.js';
import table from './data/runtime-cves.json' with { type: 'json' };
import { compareRuntimeVersions, isDistributionBuild, parseRuntimeVersion } from './runtime-version.js';

interface CveEntry {
  id: string;
  component: string;
  title: string;
  severity: Severity;
  branches: { introduced: string; fixed: string }[];
}

const ENTRIES = table.entries as CveEntry[];
const COMPONENTS = { engine: 'docker-engine', containerd: 'containerd', runc: 'runc' } as const;
const NAMES = { engine: 'Docker Engine', containerd: 'containerd', runc: 'runc' } as const;

/** The entries whose branches hold `version`: introduced <= version < fixed on some line. */
export function vulnerabilitiesOf(component: string, version: string): CveEntry[] {
  const parsed = parseRuntimeVersion(version);
  if (!parsed) return [];
  return ENTRIES.filter(
    (entry) =>
      entry.component === component &&
      entry.branches.some((branch) => {
        const introduced = branch.introduced === '0' ? undefined : parseRuntimeVersion(branch.introduced);
        const fixed = parseRuntimeVersion(branch.fixed);
        if (!fixed) return false;
        return (
          (!introduced || compareRuntimeVersions(parsed, introduced) >= 0) &&
          compareRuntimeVersions(parsed, fixed) < 0
        );
      }),
  );
}

function worst(entries: readonly CveEntry[]): Severity {
  return entries.reduce<Severity>(
    (max, entry) => (severityRank(entry.severity) > severityRank(max) ? entry.severity : max),
    'info',
  );
}

export default defineRule({
  id: 'D02.runtime-vulnerable',
  title: 'Container runtime with known escape vulnerabilities',
  category: 'D02',
  severity: 'high',
  subject: 'engine-config',
  targets: ['engine'],
  threats: [1, 2, 7],
  cis: ['1.2.2'],
  related: {},
  rationale:
    "The engine, containerd and runc are what stands between a container and the host. Their escape bugs (runc overwriting itself through /proc/self/exe, leaked file descriptors into the host filesystem, authorization plugin bypasses) let a process in any container become root on the host. Patching them is the first step of the guide's patch management: a hardened container on a vulnerable runtime is not hardened. The versions come from the engine's own /version; the table of affected versions from CVE records and the projects' advisories (data/runtime-cves.json, compiled " +
    table.source_note.match(/Compiled (\d{4}-\d{2}-\d{2})/)?.[1] +
    ').',
  remediation:
    "Upgrade the engine and its runtime to releases that fix the listed CVEs (Docker Engine from download.docker.com, or your distribution's security updates), then restart the engine:\n  apt-get update && apt-get install --only-upgrade docker-ce docker-ce-cli containerd.io\nFor a distribution package whose version does not change with backports, check its changelog for the CVE ids (`apt changelog runc | grep CVE-2024-21626`).",
  references: [
    'https://docs.docker.com/engine/release-notes/',
    'https://github.com/opencontainers/runc/security/advisories',
    'https://github.com/containerd/containerd/security/advisories',
  ],
  examples: [
    {
      target: 'engine',
      bad: '{\n  "version": {\n    "Components": [\n      { "Name": "Engine", "Version": "29.7.2" },\n      { "Name": "runc", "Version": "1.1.11" }\n    ]\n  }\n}\n',
      good: '{\n  "version": {\n    "Components": [\n      { "Name": "Engine", "Version": "29.7.2" },\n      { "Name": "runc", "Version": "1.5.1" }\n    ]\n  }\n}\n',
    },
  ],
  check(config) {
    const violations: Violation[] = [];
    for (const [part, component] of Object.entries(COMPONENTS) as [keyof typeof COMPONENTS, string][]) {
      const version: Placed<string> | undefined = config.versions?.[part];
      if (!version) continue;
      const found = vulnerabilitiesOf(component, version.value);
      if (found.length === 0) continue;
      const distribution = isDistributionBuild(version.value);
      const listed = [...found]
        .sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || (a.id < b.id ? -1 : 1))
        .map((entry) => `${entry.id} (${entry.severity}: ${entry.title})`);
      const severity = worst(found);
      violations.push({
        message: `${NAMES[part]} ${version.value} of ${config.label} is affected by ${found.length} known vulnerabilit${found.length === 1 ? 'y' : 'ies'}: ${listed.join('; ')}${distribution ? '. This is a distribution build, which may carry backported fixes: check its changelog' : ''}`,
        location: version.at,
        evidence: `${NAMES[part]} ${version.value}`,
        // A version-only match on a distribution build is a strong hint, not proof.
        severity: distribution && isAtLeast(severity, 'medium') ? 'medium' : severity,
      });
    }
    return violations;
  },
});
