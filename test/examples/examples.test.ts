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
  // A fixed day: end-of-life findings must not change as the calendar moves on.
  const run = runCli(['scan', path, '--format', 'json', '--now', '2026-11-01']);
  return { status: run.status, report: JSON.parse(run.stdout) as JsonReport };
}

describe('examples/insecure', () => {
  const { status, report } = scanJson('examples/insecure');
  const found = report.findings.map((f) => `${f.location.path}:${f.location.line} ${f.ruleId}`);

  it('fails the scan (exit 1) and reads all its files without error', () => {
    expect(status).toBe(1);
    expect(report.errors).toEqual([]);
    // Dockerfile, compose, Kubernetes, daemon.json, legacy-host/etc/default/docker, README.md, run.sh.
    expect(report.summary.filesScanned).toBe(7);
  });

  it('reports exactly the violations its comments announce', () => {
    expect(found).toEqual([
      'examples/insecure/Dockerfile:3 D08.latest-tag',
      'examples/insecure/Dockerfile:3 D08.no-digest',
      'examples/insecure/Dockerfile:5 D06.secret-in-env',
      'examples/insecure/Dockerfile:8 D06.secret-file',
      'examples/insecure/Dockerfile:15 D01.image-root-user',
      'examples/insecure/Dockerfile:15 D02.base-image-eol',
      'examples/insecure/Dockerfile:15 D04.no-healthcheck',
      'examples/insecure/Dockerfile:15 D08.no-digest',
      'examples/insecure/Dockerfile:17 D06.secret-in-env',
      'examples/insecure/Dockerfile:17 D08.tls-verification-disabled',
      'examples/insecure/Dockerfile:19 D02.apt-update-alone',
      'examples/insecure/Dockerfile:19 D04.package-cache',
      'examples/insecure/Dockerfile:21 D01.sudo',
      'examples/insecure/Dockerfile:21 D08.signature-check-disabled',
      'examples/insecure/Dockerfile:21 D03.ssh-exposed',
      'examples/insecure/Dockerfile:21 D04.install-recommends',
      'examples/insecure/Dockerfile:21 D04.package-cache',
      'examples/insecure/Dockerfile:23 D02.dist-upgrade',
      'examples/insecure/Dockerfile:25 D08.tls-verification-disabled',
      'examples/insecure/Dockerfile:25 D08.curl-pipe-shell',
      'examples/insecure/Dockerfile:27 D06.secret-in-command',
      'examples/insecure/Dockerfile:30 D04.add-instead-of-copy',
      'examples/insecure/Dockerfile:32 D08.remote-add',
      'examples/insecure/Dockerfile:35 D09.writable-app-files',
      'examples/insecure/Dockerfile:37 D03.ssh-exposed',
      'examples/insecure/daemon.json:1 D01.userns-remap-disabled',
      'examples/insecure/daemon.json:2 D03.daemon-tcp-without-tls',
      'examples/insecure/daemon.json:3 D03.icc-enabled',
      'examples/insecure/daemon.json:4 D03.iptables-disabled',
      'examples/insecure/daemon.json:5 D03.userland-proxy',
      'examples/insecure/daemon.json:6 D04.live-restore-disabled',
      'examples/insecure/daemon.json:7 D04.experimental-enabled',
      'examples/insecure/daemon.json:8 D04.deprecated-storage-driver',
      'examples/insecure/daemon.json:9 D08.insecure-registry',
      'examples/insecure/daemon.json:10 D10.daemon-log-level',
      'examples/insecure/daemon.json:11 D10.log-rotation-missing',
      'examples/insecure/daemon.json:11 D10.no-remote-logging',
      'examples/insecure/daemon.json:12 D04.daemon-no-new-privileges',
      'examples/insecure/daemon.json:13 D04.no-authorization-plugin',
      'examples/insecure/docker-compose.yml:3 D07.no-cpu-limit',
      'examples/insecure/docker-compose.yml:5 D08.no-digest',
      'examples/insecure/docker-compose.yml:6 D01.workload-root-user',
      'examples/insecure/docker-compose.yml:7 D04.privileged',
      'examples/insecure/docker-compose.yml:9 D04.dangerous-capabilities',
      'examples/insecure/docker-compose.yml:10 D04.dangerous-capabilities',
      'examples/insecure/docker-compose.yml:12 D04.seccomp-disabled',
      'examples/insecure/docker-compose.yml:13 D04.mac-disabled',
      'examples/insecure/docker-compose.yml:14 D04.no-new-privileges',
      'examples/insecure/docker-compose.yml:15 D04.host-pid',
      'examples/insecure/docker-compose.yml:16 D04.host-ipc',
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
      'examples/insecure/docker-compose.yml:30 D03.default-network',
      'examples/insecure/docker-compose.yml:31 D08.no-digest',
      'examples/insecure/docker-compose.yml:33 D09.writable-host-mount',
      'examples/insecure/docker-compose.yml:36 D05.mixed-tiers-network',
      'examples/insecure/docker-compose.yml:36 D03.default-network',
      'examples/insecure/docker-compose.yml:37 D08.latest-tag',
      'examples/insecure/docker-compose.yml:37 D08.no-digest',
      'examples/insecure/docker-compose.yml:44 D04.proc-mount-unmasked',
      'examples/insecure/docker-compose.yml:45 D01.host-user-namespace',
      'examples/insecure/docker-compose.yml:47 D03.port-all-interfaces',
      'examples/insecure/docker-compose.yml:48 D03.privileged-port',
      'examples/insecure/docker-compose.yml:49 D03.ssh-exposed',
      'examples/insecure/docker-compose.yml:51 D04.host-devices',
      'examples/insecure/docker-compose.yml:53 D04.mount-propagation',
      'examples/insecure/docker-compose.yml:55 D04.unsafe-sysctl',
      'examples/insecure/docker-compose.yml:56 D04.no-healthcheck',
      'examples/insecure/docker-compose.yml:58 D06.secret-in-env',
      'examples/insecure/docker-compose.yml:59 D06.secret-as-env-var',
      'examples/insecure/docker-compose.yml:60 D07.restart-unbounded',
      'examples/insecure/docker-compose.yml:61 D07.oom-kill-disabled',
      'examples/insecure/docker-compose.yml:63 D07.swap-unlimited',
      'examples/insecure/docker-compose.yml:67 D10.log-rotation-missing',
      'examples/insecure/docker-compose.yml:69 D05.mixed-environments',
      'examples/insecure/docker-compose.yml:69 D03.default-network',
      'examples/insecure/docker-compose.yml:80 D10.logging-disabled',
      'examples/insecure/k8s/deployment.yaml:15 D03.host-network',
      'examples/insecure/k8s/deployment.yaml:16 D04.host-pid',
      'examples/insecure/k8s/deployment.yaml:17 D04.host-ipc',
      'examples/insecure/k8s/deployment.yaml:19 D03.no-network-policy',
      'examples/insecure/k8s/deployment.yaml:19 D07.no-cpu-limit',
      'examples/insecure/k8s/deployment.yaml:19 D07.no-memory-limit',
      'examples/insecure/k8s/deployment.yaml:19 D06.service-account-token',
      'examples/insecure/k8s/deployment.yaml:19 D07.no-limit-range',
      'examples/insecure/k8s/deployment.yaml:20 D08.no-digest',
      'examples/insecure/k8s/deployment.yaml:20 D08.pull-policy',
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
      'examples/insecure/k8s/deployment.yaml:40 D06.service-account-token',
      'examples/insecure/k8s/deployment.yaml:41 D08.no-digest',
      'examples/insecure/k8s/deployment.yaml:41 D08.pull-policy',
      'examples/insecure/k8s/deployment.yaml:45 D04.capabilities-not-dropped',
      'examples/insecure/k8s/deployment.yaml:61 D06.secret-in-configmap',
      'examples/insecure/k8s/deployment.yaml:72 D03.no-network-policy',
      'examples/insecure/k8s/deployment.yaml:72 D05.default-namespace',
      'examples/insecure/k8s/deployment.yaml:72 D07.no-limit-range',
      'examples/insecure/k8s/deployment.yaml:78 D03.host-port',
      'examples/insecure/k8s/deployment.yaml:80 D06.secret-as-env-var',
      'examples/insecure/k8s/deployment.yaml:97 D03.no-network-policy',
      'examples/insecure/k8s/deployment.yaml:97 D05.kube-system-workload',
      'examples/insecure/k8s/deployment.yaml:97 D07.no-limit-range',
      'examples/insecure/legacy-host/etc/default/docker:4 D10.logging-disabled',
      'examples/insecure/legacy-host/etc/default/docker:4 D10.no-remote-logging',
      'examples/insecure/run.sh:9 D01.workload-root-user',
      'examples/insecure/run.sh:9 D04.capabilities-not-dropped',
      'examples/insecure/run.sh:9 D04.no-new-privileges',
      'examples/insecure/run.sh:9 D07.no-cpu-limit',
      'examples/insecure/run.sh:9 D07.no-memory-limit',
      'examples/insecure/run.sh:9 D07.no-pids-limit',
      'examples/insecure/run.sh:9 D09.writable-rootfs',
      'examples/insecure/run.sh:9 D08.no-digest',
      'examples/insecure/run.sh:15 D04.no-new-privileges',
      'examples/insecure/run.sh:15 D07.no-cpu-limit',
      'examples/insecure/run.sh:15 D07.no-memory-limit',
      'examples/insecure/run.sh:15 D07.no-pids-limit',
      'examples/insecure/run.sh:15 D09.writable-rootfs',
      'examples/insecure/run.sh:16 D04.privileged',
      'examples/insecure/run.sh:17 D01.workload-root-user',
      'examples/insecure/run.sh:18 D04.host-pid',
      'examples/insecure/run.sh:18 D03.host-network',
      'examples/insecure/run.sh:19 D04.docker-socket-mount',
      'examples/insecure/run.sh:19 D09.writable-host-mount',
      'examples/insecure/run.sh:20 D04.sensitive-mount',
      'examples/insecure/run.sh:21 D08.no-digest',
      'examples/insecure/run.sh:28 D04.dangerous-capabilities',
      'examples/insecure/run.sh:28 D04.dangerous-capabilities',
      'examples/insecure/run.sh:29 D04.seccomp-disabled',
      'examples/insecure/run.sh:29 D04.mac-disabled',
      'examples/insecure/run.sh:30 D04.no-new-privileges',
      'examples/insecure/run.sh:31 D04.host-ipc',
      'examples/insecure/run.sh:31 D04.host-uts',
      'examples/insecure/run.sh:32 D07.no-memory-limit',
      'examples/insecure/run.sh:32 D07.no-pids-limit',
      'examples/insecure/run.sh:33 D08.no-digest',
    ]);
  });

  it('violates every rule of the catalogue that files can break at least once', () => {
    const ruleIds = new Set(report.findings.map((f) => f.ruleId));
    // Off until configured, and the CLI runs with the default settings: no registry allow-list.
    const offByDefault = new Set(['D05.untrusted-registry']);
    // Rules only a live engine, an image or a host can break (runtime versions come from /version).
    const FILE_TARGETS = new Set(['dockerfile', 'compose', 'kubernetes', 'docker-run', 'daemon']);
    const fileRules = ALL_RULES.filter((rule) => rule.targets.some((target) => FILE_TARGETS.has(target)));
    expect(fileRules.map((r) => r.id).filter((id) => !ruleIds.has(id) && !offByDefault.has(id))).toEqual([]);
  });
});

describe('examples/hardened', () => {
  it('has no finding and no error, and exits 0', () => {
    const { status, report } = scanJson('examples/hardened');
    expect(report.findings).toEqual([]);
    expect(report.errors).toEqual([]);
    // Dockerfile, compose, Kubernetes, daemon.json, run.sh.
    expect(report.summary.filesScanned).toBe(5);
    expect(status).toBe(0);
  });
});
