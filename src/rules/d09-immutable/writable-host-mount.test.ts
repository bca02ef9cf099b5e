import { describe, expect, it } from 'vitest';
import {
  composeService,
  dockerRun,
  findingsFor,
  k8sDeployment,
  testRule,
  k8sVolumeMount,
} from '../../../test/rule-tester.js';
import rule from './writable-host-mount.js';

const k8sMount = (mount: string, volume: string): string => k8sVolumeMount(mount, volume, 'data');

testRule(rule, {
  'docker-run': {
    accept: [
      { name: 'a read-only bind mount', code: dockerRun('-v /srv/config:/config:ro') },
      { name: 'a read-only --mount', code: dockerRun('--mount type=bind,source=/srv/c,target=/c,readonly') },
      { name: 'a named volume', code: dockerRun('-v data:/data') },
    ],
    reject: [
      {
        name: '-v without :ro',
        code: dockerRun('-v /srv/data:/data'),
        lines: [1],
        messageIncludes: 'container "app" in run.sh mounts host path /srv/data writable at /data',
      },
      {
        name: 'a relative path and $PWD, on continuation lines',
        code: dockerRun('\\\n  -v ./spool:/spool \\\n  -v "$PWD":/src'),
        lines: [2, 3],
      },
      {
        name: '--mount readonly=false',
        code: dockerRun('--mount type=bind,src=/srv,dst=/srv,readonly=false'),
        lines: [1],
      },
    ],
  },
  compose: {
    accept: [
      { name: 'no volumes', code: composeService('') },
      { name: 'bind :ro', code: composeService('volumes:\n  - ./config:/etc/app:ro') },
      { name: 'bind :ro,z', code: composeService('volumes:\n  - ./config:/etc/app:ro,z') },
      { name: 'absolute bind :ro', code: composeService('volumes:\n  - /srv/app/config:/etc/app:ro') },
      { name: 'named volume', code: composeService('volumes:\n  - db:/var/lib/postgresql') },
      { name: 'named volume :rw', code: composeService('volumes:\n  - db:/var/lib/postgresql:rw') },
      { name: 'anonymous volume', code: composeService('volumes:\n  - /var/cache/app') },
      { name: 'tmpfs key', code: composeService('tmpfs:\n  - /tmp\n  - /run:size=64m') },
      {
        name: 'long syntax bind read_only',
        code: composeService(
          'volumes:\n  - type: bind\n    source: ./config\n    target: /etc/app\n    read_only: true',
        ),
      },
      {
        name: 'long syntax volume',
        code: composeService('volumes:\n  - type: volume\n    source: db\n    target: /var/lib/postgresql'),
      },
      {
        name: 'long syntax tmpfs',
        code: composeService('volumes:\n  - type: tmpfs\n    target: /tmp\n    tmpfs:\n      size: 1000000'),
      },
    ],
    reject: [
      {
        name: 'bind without mode',
        code: composeService('volumes:\n  - ./data:/data'),
        lines: [5],
        messageIncludes: 'service "app" in compose.yaml mounts host path ./data writable at /data',
        severity: 'medium',
      },
      { name: 'bind :rw', code: composeService('volumes:\n  - ./data:/data:rw'), lines: [5] },
      { name: 'bind :z (relabel only)', code: composeService('volumes:\n  - ./data:/data:z'), lines: [5] },
      { name: 'home directory', code: composeService('volumes:\n  - ~/.cache:/cache'), lines: [5] },
      {
        name: 'only the writable binds, each at its own line',
        code: composeService(
          'volumes:\n  - ./config:/etc/app:ro\n  - /srv/uploads:/uploads\n  - db:/db\n  - ./logs:/logs:rw',
        ),
        lines: [6, 8],
      },
      {
        name: 'long syntax bind without read_only',
        code: composeService('volumes:\n  - type: bind\n    source: ./data\n    target: /data'),
        lines: [5],
        messageIncludes: 'mounts host path ./data writable at /data',
      },
      {
        name: 'long syntax bind read_only: false',
        code: composeService(
          'volumes:\n  - db:/db\n  - type: bind\n    source: /srv/data\n    target: /data\n    read_only: false',
        ),
        lines: [6],
      },
    ],
  },
  kubernetes: {
    accept: [
      { name: 'no volumes', code: k8sDeployment('') },
      {
        name: 'hostPath readOnly',
        code: k8sMount('mountPath: /data\nreadOnly: true', 'hostPath:\n  path: /srv/data'),
      },
      { name: 'emptyDir', code: k8sMount('mountPath: /data', 'emptyDir: {}') },
      { name: 'emptyDir in memory', code: k8sMount('mountPath: /data', 'emptyDir:\n  medium: Memory') },
      { name: 'configMap', code: k8sMount('mountPath: /etc/app', 'configMap:\n  name: app-config') },
      { name: 'secret', code: k8sMount('mountPath: /etc/tls', 'secret:\n  secretName: app-tls') },
      {
        name: 'persistentVolumeClaim',
        code: k8sMount('mountPath: /data', 'persistentVolumeClaim:\n  claimName: data'),
      },
    ],
    reject: [
      {
        name: 'hostPath without readOnly, at the volumeMounts item',
        code: k8sMount('mountPath: /data', 'hostPath:\n  path: /srv/data\n  type: DirectoryOrCreate'),
        lines: [13],
        messageIncludes:
          'container "app" of Deployment/web (namespace shop) in manifest.yaml mounts host path /srv/data writable at /data',
      },
      {
        name: 'hostPath readOnly: false',
        code: k8sMount('mountPath: /data\nreadOnly: false', 'hostPath:\n  path: /srv/data'),
        lines: [13],
      },
      {
        name: 'subPath joined to the hostPath',
        code: k8sMount('mountPath: /logs\nsubPath: logs', 'hostPath:\n  path: /srv/app/'),
        lines: [13],
        messageIncludes: 'mounts host path /srv/app/logs writable at /logs',
      },
      {
        name: 'the same hostPath mounted twice, only the writable mount',
        code: k8sDeployment(
          'volumeMounts:\n  - name: data\n    mountPath: /in\n    readOnly: true\n  - name: data\n    mountPath: /out',
          'volumes:\n  - name: data\n    hostPath:\n      path: /srv/data',
        ),
        lines: [16],
      },
    ],
  },
});

// Known bug of the compose source (src/sources/compose/load.ts, ServiceResolver.merge): this case states the
// correct behaviour and fails until the source is fixed.
describe('D09.writable-host-mount, compose: `extends` merges volumes by target', () => {
  it('lets the extending service replace an inherited mount of the same target', async () => {
    const code = [
      'services:',
      '  base:',
      '    image: x:1',
      '    volumes:',
      '      - ./data:/data',
      '  app:',
      '    extends: base',
      '    volumes:',
      '      - ./data:/data:ro',
      '',
    ].join('\n');
    const findings = await findingsFor(rule, 'compose', code);
    // The compose spec merges `volumes` by target: app has only `./data:/data:ro`, so only base is writable.
    expect(findings.map((f) => f.message)).toEqual([
      'service "base" in compose.yaml mounts host path ./data writable at /data',
    ]);
  });
});
