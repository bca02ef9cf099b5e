import { describe, expect, it } from 'vitest';
import {
  composeService,
  dockerRun,
  findingsFor,
  k8sDeployment,
  testRule,
  k8sVolumeMount,
} from '../../../test/rule-tester.js';
import rule from './sensitive-mount.js';

const k8sMount = (mount: string, volume: string): string => k8sVolumeMount(mount, volume, 'host');

testRule(rule, {
  'docker-run': {
    accept: [
      { name: 'an application directory', code: dockerRun('-v /srv/app/config:/config:ro') },
      { name: 'a named volume', code: dockerRun('-v etc:/etc') },
      { name: 'a tmpfs', code: dockerRun('--tmpfs /run') },
    ],
    reject: [
      {
        name: 'the host root',
        code: dockerRun('-v /:/host'),
        lines: [1],
        messageIncludes: 'container "app" in run.sh mounts',
      },
      { name: '/etc with --mount', code: dockerRun('--mount type=bind,src=/etc,dst=/host/etc'), lines: [1] },
      {
        name: 'two on continuation lines',
        code: dockerRun('\\\n  -v /proc:/host/proc \\\n  --volume=/etc:/etc'),
        lines: [2, 3],
      },
    ],
  },
  compose: {
    accept: [
      { name: 'no volumes', code: composeService('') },
      { name: 'relative bind', code: composeService('volumes:\n  - ./data:/data') },
      { name: 'named volume', code: composeService('volumes:\n  - db:/var/lib/postgresql') },
      { name: 'anonymous volume', code: composeService('volumes:\n  - /var/lib/postgresql') },
      { name: 'localtime read-only', code: composeService('volumes:\n  - /etc/localtime:/etc/localtime:ro') },
      {
        name: 'config file under /etc read-only',
        code: composeService('volumes:\n  - /etc/nginx/nginx.conf:/etc/nginx/nginx.conf:ro'),
      },
      { name: 'application data on the host', code: composeService('volumes:\n  - /srv/app/data:/data') },
      {
        name: 'the docker socket (reported by D04.docker-socket-mount)',
        code: composeService('volumes:\n  - /var/run/docker.sock:/var/run/docker.sock'),
      },
      {
        name: 'the containerd socket (reported by D04.docker-socket-mount)',
        code: composeService('volumes:\n  - /run/containerd/containerd.sock:/run/containerd/containerd.sock'),
      },
      {
        name: 'long syntax volume named like a system path',
        code: composeService('volumes:\n  - type: volume\n    source: etc\n    target: /etc/app'),
      },
      { name: 'tmpfs', code: composeService('tmpfs:\n  - /run') },
    ],
    reject: [
      {
        name: 'host root',
        code: composeService('volumes:\n  - /:/host'),
        lines: [5],
        messageIncludes: 'service "app" in compose.yaml mounts the whole host filesystem (/ → /host)',
        severity: 'high',
      },
      {
        name: '/etc read-only',
        code: composeService('volumes:\n  - /etc:/host-etc:ro'),
        lines: [5],
        messageIncludes: "the host's /etc (/etc → /host-etc)",
      },
      {
        name: '/proc',
        code: composeService('volumes:\n  - /proc:/p'),
        lines: [5],
        messageIncludes: "the host's /proc",
      },
      {
        name: 'docker data read-only',
        code: composeService('volumes:\n  - /var/lib/docker:/d:ro'),
        lines: [5],
        messageIncludes: "a path under the host's /var/lib/docker",
      },
      {
        name: 'writable config file under /etc',
        code: composeService('volumes:\n  - /etc/nginx/nginx.conf:/etc/nginx/nginx.conf'),
        lines: [5],
        messageIncludes: "a writable path under the host's /etc",
      },
      {
        name: 'trailing slash and doubled slashes',
        code: composeService('volumes:\n  - //etc/:/host-etc:ro'),
        lines: [5],
      },
      {
        name: 'only the sensitive items, each at its own line',
        code: composeService(
          'volumes:\n  - ./data:/data\n  - /sys:/sys:ro\n  - db:/db\n  - /root/.ssh:/keys:ro',
        ),
        lines: [6, 8],
      },
      {
        name: 'long syntax, read-only does not help for /',
        code: composeService(
          'volumes:\n  - type: bind\n    source: /\n    target: /host\n    read_only: true',
        ),
        lines: [5],
        messageIncludes: 'the whole host filesystem (/ → /host)',
      },
      {
        name: '.. segments resolved',
        code: composeService('volumes:\n  - /srv/app/../../etc:/host-etc:ro'),
        lines: [5],
        messageIncludes: "the host's /etc (/srv/app/../../etc → /host-etc)",
      },
      {
        name: '/var/run directory (not the socket itself)',
        code: composeService('volumes:\n  - /var/run:/var/run'),
        lines: [5],
      },
    ],
  },
  kubernetes: {
    accept: [
      { name: 'no volumes', code: k8sDeployment('') },
      { name: 'emptyDir', code: k8sMount('mountPath: /cache', 'emptyDir: {}') },
      {
        name: 'hostPath of application data',
        code: k8sMount('mountPath: /data', 'hostPath:\n  path: /srv/app'),
      },
      {
        name: 'hostPath file under /etc read-only',
        code: k8sMount('mountPath: /etc/localtime\nreadOnly: true', 'hostPath:\n  path: /etc/localtime'),
      },
      {
        name: 'the docker socket (reported by D04.docker-socket-mount)',
        code: k8sMount('mountPath: /var/run/docker.sock', 'hostPath:\n  path: /var/run/docker.sock'),
      },
      { name: 'configMap', code: k8sMount('mountPath: /etc/app', 'configMap:\n  name: app-config') },
      {
        name: 'hostPath volume declared but not mounted by this container',
        code: k8sDeployment('', 'volumes:\n  - name: host\n    hostPath:\n      path: /'),
      },
    ],
    reject: [
      {
        name: 'hostPath / mounted read-only, at the volumeMounts item',
        code: k8sMount('mountPath: /host\nreadOnly: true', 'hostPath:\n  path: /'),
        lines: [13],
        messageIncludes:
          'container "app" of Deployment/web (namespace shop) in manifest.yaml mounts the whole host filesystem (/ → /host)',
      },
      {
        name: 'hostPath /proc',
        code: k8sMount('mountPath: /host/proc', 'hostPath:\n  path: /proc\n  type: Directory'),
        lines: [13],
        messageIncludes: "the host's /proc",
      },
      {
        name: 'subPath joined to the hostPath',
        code: k8sMount('mountPath: /d\nsubPath: lib/docker\nreadOnly: true', 'hostPath:\n  path: /var/'),
        lines: [13],
        messageIncludes: "a path under the host's /var/lib/docker (/var/lib/docker → /d)",
      },
      {
        name: 'writable file under /etc',
        code: k8sMount('mountPath: /etc/hosts', 'hostPath:\n  path: /etc/hosts\n  type: File'),
        lines: [13],
        messageIncludes: "a writable path under the host's /etc",
      },
      {
        name: 'only the hostPath mounts, each at its own item',
        code: `apiVersion: v1
kind: Pod
metadata:
  name: agent
spec:
  containers:
    - name: agent
      image: registry.example.com/agent:1.0
      volumeMounts:
        - name: cache
          mountPath: /cache
        - name: kubelet
          mountPath: /var/lib/kubelet
          readOnly: true
        - name: sys
          mountPath: /sys
  volumes:
    - name: cache
      emptyDir: {}
    - name: kubelet
      hostPath:
        path: /var/lib/kubelet/pods
    - name: sys
      hostPath:
        path: /sys
`,
        lines: [12, 15],
      },
    ],
  },
});

// Known bugs of the compose source (src/sources/compose/load.ts, ServiceResolver.merge): these cases state the
// correct behaviour and fail until the source is fixed.
describe('D04.sensitive-mount, compose: volumes merged through `extends`', () => {
  it('reports an inherited volume at the line it is written, and each own volume at its own line', async () => {
    const code = [
      'services:',
      '  base:',
      '    image: x:1',
      '    volumes:',
      '      - /:/host',
      '  app:',
      '    extends: base',
      '    volumes:',
      '      - /etc:/host-etc:ro',
      '',
    ].join('\n');
    const findings = await findingsFor(rule, 'compose', code);
    // base: line 5; app: the inherited `/:/host` at line 5 (one finding for both), its own `/etc` at line 9.
    expect(findings.map((f) => ('line' in f.location ? f.location.line : -1))).toEqual([5, 9]);
  });
});
