// The examples are the product's promise in miniature: the insecure app violates every rule, each
// violation where its comment says; the hardened twin has no finding at all.
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../../src/rules/index.js';
import { runCli } from '../run-cli.js';

interface JsonFinding {
  ruleId: string;
  location: { path: string; line: number };
}

interface JsonReport {
  findings: JsonFinding[];
  errors: unknown[];
  summary: { filesScanned: number };
}

function scanJson(path: string): { status: number | null; report: JsonReport } {
  const run = runCli(['scan', path, '--format', 'json']);
  return { status: run.status, report: JSON.parse(run.stdout) as JsonReport };
}

describe('examples/insecure', () => {
  const { status, report } = scanJson('examples/insecure');
  const found = report.findings.map((f) => `${f.location.path}:${f.location.line} ${f.ruleId}`);

  it('fails the scan (exit 1) and reads all three files without error', () => {
    expect(status).toBe(1);
    expect(report.errors).toEqual([]);
    expect(report.summary.filesScanned).toBe(3);
  });

  it('reports exactly the violations its comments announce', () => {
    expect(found).toEqual([
      'examples/insecure/Dockerfile:10 D01.image-root-user',
      'examples/insecure/docker-compose.yml:3 D07.no-cpu-limit',
      'examples/insecure/docker-compose.yml:6 D01.workload-root-user',
      'examples/insecure/docker-compose.yml:7 D04.privileged',
      'examples/insecure/docker-compose.yml:9 D04.dangerous-capabilities',
      'examples/insecure/docker-compose.yml:10 D04.dangerous-capabilities',
      'examples/insecure/docker-compose.yml:12 D04.seccomp-disabled',
      'examples/insecure/docker-compose.yml:13 D04.mac-disabled',
      'examples/insecure/docker-compose.yml:14 D04.no-new-privileges',
      'examples/insecure/docker-compose.yml:15 D04.host-pid',
      'examples/insecure/docker-compose.yml:16 D04.host-ipc',
      'examples/insecure/docker-compose.yml:17 D04.host-uts',
      'examples/insecure/docker-compose.yml:18 D03.host-network',
      'examples/insecure/docker-compose.yml:19 D09.writable-rootfs',
      'examples/insecure/docker-compose.yml:22 D04.docker-socket-mount',
      'examples/insecure/docker-compose.yml:22 D09.writable-host-mount',
      'examples/insecure/docker-compose.yml:24 D04.sensitive-mount',
      'examples/insecure/docker-compose.yml:24 D09.writable-host-mount',
      'examples/insecure/docker-compose.yml:25 D07.no-memory-limit',
      'examples/insecure/docker-compose.yml:26 D07.no-pids-limit',
      'examples/insecure/docker-compose.yml:30 D01.workload-root-user',
      'examples/insecure/docker-compose.yml:30 D04.capabilities-not-dropped',
      'examples/insecure/docker-compose.yml:30 D04.no-new-privileges',
      'examples/insecure/docker-compose.yml:30 D07.no-cpu-limit',
      'examples/insecure/docker-compose.yml:30 D07.no-memory-limit',
      'examples/insecure/docker-compose.yml:30 D07.no-pids-limit',
      'examples/insecure/docker-compose.yml:30 D09.writable-rootfs',
      'examples/insecure/docker-compose.yml:33 D09.writable-host-mount',
      'examples/insecure/k8s/deployment.yaml:15 D03.host-network',
      'examples/insecure/k8s/deployment.yaml:16 D04.host-pid',
      'examples/insecure/k8s/deployment.yaml:17 D04.host-ipc',
      'examples/insecure/k8s/deployment.yaml:19 D07.no-cpu-limit',
      'examples/insecure/k8s/deployment.yaml:19 D07.no-memory-limit',
      'examples/insecure/k8s/deployment.yaml:22 D01.workload-root-user',
      'examples/insecure/k8s/deployment.yaml:23 D04.privileged',
      'examples/insecure/k8s/deployment.yaml:24 D04.no-new-privileges',
      'examples/insecure/k8s/deployment.yaml:25 D09.writable-rootfs',
      'examples/insecure/k8s/deployment.yaml:27 D04.seccomp-disabled',
      'examples/insecure/k8s/deployment.yaml:29 D04.mac-disabled',
      'examples/insecure/k8s/deployment.yaml:31 D04.dangerous-capabilities',
      'examples/insecure/k8s/deployment.yaml:35 D04.docker-socket-mount',
      'examples/insecure/k8s/deployment.yaml:35 D09.writable-host-mount',
      'examples/insecure/k8s/deployment.yaml:37 D04.sensitive-mount',
      'examples/insecure/k8s/deployment.yaml:40 D01.workload-root-user',
      'examples/insecure/k8s/deployment.yaml:40 D04.no-new-privileges',
      'examples/insecure/k8s/deployment.yaml:40 D07.no-memory-limit',
      'examples/insecure/k8s/deployment.yaml:40 D09.writable-rootfs',
      'examples/insecure/k8s/deployment.yaml:45 D04.capabilities-not-dropped',
    ]);
  });

  it('violates every rule of the catalogue at least once', () => {
    const ruleIds = new Set(report.findings.map((f) => f.ruleId));
    expect(ALL_RULES.map((r) => r.id).filter((id) => !ruleIds.has(id))).toEqual([]);
  });
});

describe('examples/hardened', () => {
  it('has no finding and no error, and exits 0', () => {
    const { status, report } = scanJson('examples/hardened');
    expect(report.findings).toEqual([]);
    expect(report.errors).toEqual([]);
    expect(report.summary.filesScanned).toBe(3);
    expect(status).toBe(0);
  });
});
