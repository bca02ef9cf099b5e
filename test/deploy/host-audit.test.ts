// The host audit's own manifests (deploy/host-audit) pass dt10: what they must do that dt10 flags (mount the
// host's filesystem) is suppressed with its reason, nothing else is reported, and no suppression is stale.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../run-cli.js';

interface PodSpec {
  hostPID?: boolean;
  hostNetwork?: boolean;
  securityContext?: object;
  containers: { args?: string[]; command?: string[]; securityContext?: object; volumeMounts?: object[] }[];
}

interface JsonFinding {
  ruleId: string;
  location: { path: string; line: number };
  suppression: { justification: string } | null;
}

describe('deploy/host-audit', () => {
  const run = runCli(['scan', 'deploy/host-audit', '--format', 'json', '--now', '2026-11-01']);
  const report = JSON.parse(run.stdout) as {
    findings: JsonFinding[];
    suppressed: JsonFinding[];
    staleSuppressions: unknown[];
    errors: unknown[];
    summary: { filesScanned: number };
  };

  it('reads every manifest and reports no finding', () => {
    expect(run.status).toBe(0);
    expect(report.errors).toEqual([]);
    expect(report.summary.filesScanned).toBe(3);
    expect(report.findings).toEqual([]);
    expect(report.staleSuppressions).toEqual([]);
  });

  it('suppresses only the host mount and the template image, each with a reason', () => {
    expect(report.suppressed.map((f) => `${f.location.path} ${f.ruleId}`).sort()).toEqual([
      'deploy/host-audit/cronjob.yaml D04.sensitive-mount',
      'deploy/host-audit/cronjob.yaml D08.no-digest',
      'deploy/host-audit/daemonset.yaml D04.sensitive-mount',
      'deploy/host-audit/daemonset.yaml D08.no-digest',
    ]);
    for (const finding of report.suppressed)
      expect(finding.suppression?.justification.length).toBeGreaterThan(10);
  });

  it('runs dt10 on the host mounted read-only, unprivileged, in no host namespace', () => {
    for (const file of ['daemonset.yaml', 'cronjob.yaml']) {
      const manifest = load(readFileSync(join(ROOT, 'deploy/host-audit', file), 'utf8')) as {
        spec: { template?: { spec: PodSpec }; jobTemplate?: { spec: { template: { spec: PodSpec } } } };
      };
      const pod = manifest.spec.template?.spec ?? manifest.spec.jobTemplate!.spec.template.spec;
      expect(pod.hostPID ?? false).toBe(false);
      expect(pod.hostNetwork ?? false).toBe(false);
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10001 });
      const [container] = pod.containers;
      expect(container!.securityContext).toEqual({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      });
      expect(container!.volumeMounts).toEqual([
        {
          name: 'host',
          mountPath: '/host',
          readOnly: true,
          recursiveReadOnly: 'IfPossible',
          mountPropagation: 'None',
        },
      ]);
      expect(JSON.stringify(container!.args ?? container!.command)).toMatch(
        /--host.*--root.*\/host.*--format.*json/,
      );
    }
  });
});
