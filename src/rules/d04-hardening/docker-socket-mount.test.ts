import {
  composeService,
  dockerRun,
  k8sDeployment,
  testRule,
  k8sVolumeMount,
} from '../../../test/rule-tester.js';
import rule from './docker-socket-mount.js';

const k8sMount = (mount: string, volume: string): string => k8sVolumeMount(mount, volume, 'sock');

testRule(rule, {
  'docker-run': {
    accept: [
      { name: 'no mounts', code: dockerRun('') },
      { name: 'another bind mount', code: dockerRun('-v /srv/app:/app:ro') },
      { name: 'a volume named docker.sock', code: dockerRun('-v docker.sock:/var/run/docker.sock') },
    ],
    reject: [
      {
        name: '-v the socket',
        code: dockerRun('-v /var/run/docker.sock:/var/run/docker.sock'),
        lines: [1],
        messageIncludes: 'container "app" in run.sh mounts the container runtime socket /var/run/docker.sock',
      },
      {
        name: '--mount of the socket, read-only',
        code: dockerRun(
          '\\\n  --mount type=bind,source=/run/docker.sock,target=/var/run/docker.sock,readonly',
        ),
        lines: [2],
        messageIncludes: 'read-only does not protect it',
      },
      { name: '--use-api-socket', code: dockerRun('--use-api-socket'), lines: [1] },
    ],
  },
  compose: {
    accept: [
      { name: 'no volumes', code: composeService('') },
      { name: 'relative bind', code: composeService('volumes:\n  - ./data:/data') },
      {
        name: 'a named volume mounted where the socket usually is',
        code: composeService('volumes:\n  - sock:/var/run/docker.sock'),
      },
      {
        name: 'an application socket',
        code: composeService('volumes:\n  - /run/app/app.sock:/run/app/app.sock'),
      },
      {
        name: 'sensitive but not a socket (reported by D04.sensitive-mount)',
        code: composeService('volumes:\n  - /:/host:ro'),
      },
    ],
    reject: [
      {
        name: 'short syntax',
        code: composeService('volumes:\n  - /var/run/docker.sock:/var/run/docker.sock'),
        lines: [5],
        messageIncludes:
          'service "app" in compose.yaml mounts the container runtime socket /var/run/docker.sock',
        severity: 'critical',
      },
      {
        name: 'short syntax read-only',
        code: composeService('volumes:\n  - /var/run/docker.sock:/var/run/docker.sock:ro'),
        lines: [5],
        messageIncludes: 'read-only does not protect it',
      },
      {
        name: 'long syntax',
        code: composeService(
          'volumes:\n  - ./data:/data\n  - type: bind\n    source: /var/run/docker.sock\n    target: /var/run/docker.sock\n    read_only: true',
        ),
        lines: [6],
        messageIncludes: 'read-only does not protect it',
      },
      {
        name: 'containerd socket',
        code: composeService('volumes:\n  - /run/containerd/containerd.sock:/run/containerd/containerd.sock'),
        lines: [5],
        messageIncludes: 'socket /run/containerd/containerd.sock',
      },
      {
        name: 'docker socket under /run, mounted elsewhere',
        code: composeService('volumes:\n  - /run/docker.sock:/tmp/d.sock'),
        lines: [5],
      },
      {
        name: '.. segments resolved',
        code: composeService('volumes:\n  - /srv/../var/run/docker.sock:/var/run/docker.sock'),
        lines: [5],
      },
      {
        name: 'rootless docker socket',
        code: composeService('volumes:\n  - /run/user/1000/docker.sock:/var/run/docker.sock'),
        lines: [5],
      },
    ],
  },
  kubernetes: {
    accept: [
      { name: 'no volumes', code: k8sDeployment('') },
      { name: 'emptyDir', code: k8sMount('mountPath: /var/run', 'emptyDir: {}') },
      { name: 'another hostPath', code: k8sMount('mountPath: /data', 'hostPath:\n  path: /srv/app') },
    ],
    reject: [
      {
        name: 'hostPath docker socket',
        code: k8sMount(
          'mountPath: /var/run/docker.sock',
          'hostPath:\n  path: /var/run/docker.sock\n  type: Socket',
        ),
        lines: [13],
        messageIncludes:
          'container "app" of Deployment/web (namespace shop) in manifest.yaml mounts the container runtime socket /var/run/docker.sock',
      },
      {
        name: 'hostPath socket read-only',
        code: k8sMount(
          'mountPath: /var/run/docker.sock\nreadOnly: true',
          'hostPath:\n  path: /var/run/docker.sock',
        ),
        lines: [13],
        messageIncludes: 'read-only does not protect it',
      },
      {
        name: 'socket reached through subPath',
        code: k8sMount(
          'mountPath: /var/run/crio.sock\nsubPath: crio/crio.sock',
          'hostPath:\n  path: /var/run',
        ),
        lines: [13],
        messageIncludes: 'socket /var/run/crio/crio.sock',
      },
    ],
  },
});
