import { composeService, dockerRun, k8sDeployment, testRule } from '../../../test/rule-tester.js';
import rule from './mount-propagation.js';

/** A Deployment whose container mounts the hostPath /mnt/data; the volumeMounts item is at line 13. */
function k8sMount(mountOptions: string): string {
  return k8sDeployment(
    `volumeMounts:\n  - name: data\n    mountPath: /data${mountOptions === '' ? '' : `\n    ${mountOptions}`}`,
    'volumes:\n  - name: data\n    hostPath:\n      path: /mnt/data',
  );
}

testRule(rule, {
  'docker-run': {
    accept: [
      { name: 'no volumes', code: dockerRun('') },
      { name: 'the default propagation', code: dockerRun('-v /mnt/data:/data') },
      { name: 'rslave', code: dockerRun('-v /mnt/data:/data:rslave') },
      { name: 'read-only, private', code: dockerRun('--volume /mnt/data:/data:ro,rprivate') },
      {
        name: '--mount with slave propagation',
        code: dockerRun('--mount type=bind,source=/mnt/data,target=/data,bind-propagation=slave'),
      },
    ],
    reject: [
      {
        name: '-v …:rshared',
        code: dockerRun('-v /mnt/data:/data:rshared'),
        lines: [1],
        messageIncludes:
          'container "app" in run.sh mounts /mnt/data at /data with rshared propagation: its mounts propagate to the host',
        severity: 'medium',
      },
      { name: 'shared, with other options', code: dockerRun('-v /mnt/data:/data:ro,shared'), lines: [1] },
      {
        name: '--mount bind-propagation=rshared',
        code: dockerRun('--mount type=bind,src=/mnt/data,dst=/data,bind-propagation=rshared'),
        lines: [1],
      },
      {
        name: 'only the shared one, on its line',
        code: dockerRun('-v /srv:/srv:rslave \\\n  -v /mnt:/mnt:shared'),
        lines: [2],
      },
    ],
  },
  compose: {
    accept: [
      { name: 'no volumes', code: composeService('') },
      { name: 'the default propagation', code: composeService('volumes:\n  - /mnt/data:/data') },
      { name: 'rslave', code: composeService('volumes:\n  - /mnt/data:/data:rslave') },
      { name: 'read-only, private', code: composeService('volumes:\n  - /mnt/data:/data:ro,rprivate') },
      {
        name: 'long syntax, slave',
        code: composeService(
          'volumes:\n  - type: bind\n    source: /mnt/data\n    target: /data\n    bind:\n      propagation: slave',
        ),
      },
    ],
    reject: [
      {
        name: 'rshared',
        code: composeService('volumes:\n  - /mnt/data:/data:rshared'),
        lines: [5],
        messageIncludes:
          'service "app" in compose.yaml mounts /mnt/data at /data with rshared propagation: its mounts propagate to the host',
        severity: 'medium',
      },
      { name: 'shared', code: composeService('volumes:\n  - /mnt/data:/data:shared'), lines: [5] },
      {
        name: 'with other options',
        code: composeService('volumes:\n  - /mnt/data:/data:ro,rshared'),
        lines: [5],
      },
      {
        name: 'long syntax',
        code: composeService(
          'volumes:\n  - type: bind\n    source: /mnt/data\n    target: /data\n    bind:\n      propagation: rshared',
        ),
        lines: [5],
      },
      {
        name: 'only the shared item',
        code: composeService('volumes:\n  - /srv:/srv:rslave\n  - /mnt:/mnt:shared'),
        lines: [6],
      },
    ],
  },
  kubernetes: {
    accept: [
      { name: 'no volumeMounts', code: k8sDeployment('') },
      { name: 'no propagation', code: k8sMount('') },
      { name: 'HostToContainer (rslave)', code: k8sMount('mountPropagation: HostToContainer') },
      { name: 'None', code: k8sMount('mountPropagation: None') },
    ],
    reject: [
      {
        name: 'Bidirectional',
        code: k8sMount('mountPropagation: Bidirectional'),
        lines: [13],
        messageIncludes:
          'container "app" of Deployment/web (namespace shop) in manifest.yaml mounts /mnt/data at /data with Bidirectional propagation',
      },
    ],
  },
});
