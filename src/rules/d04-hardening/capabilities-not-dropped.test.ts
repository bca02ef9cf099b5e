import { composeService, dockerRun, k8sDeployment, testRule } from '../../../test/rule-tester.js';
import rule from './capabilities-not-dropped.js';

testRule(rule, {
  'docker-run': {
    accept: [
      { name: 'drop ALL', code: dockerRun('--cap-drop ALL') },
      {
        name: 'drop all, lower case, and add back one',
        code: dockerRun('--cap-drop=all --cap-add NET_BIND_SERVICE'),
      },
      { name: 'ALL in a comma list', code: dockerRun('--cap-drop NET_RAW,ALL') },
      {
        name: 'a privileged container (reported by D04.privileged instead)',
        code: dockerRun('--privileged'),
      },
    ],
    reject: [
      {
        name: 'no --cap-drop',
        code: dockerRun(''),
        lines: [1],
        messageIncludes: 'container "app" in run.sh keeps the default capability set',
        severity: 'medium',
      },
      {
        name: 'a partial drop',
        code: dockerRun('--cap-drop NET_RAW'),
        lines: [1],
        messageIncludes: 'drops only NET_RAW instead of ALL',
      },
      {
        name: 'several partial drops on continuation lines, reported at the first',
        code: dockerRun('\\\n  --cap-drop NET_RAW \\\n  --cap-drop CAP_MKNOD'),
        lines: [2],
        messageIncludes: 'drops only NET_RAW, MKNOD instead of ALL',
      },
    ],
  },
  compose: {
    accept: [
      { name: 'drop ALL', code: composeService('cap_drop:\n  - ALL') },
      { name: 'drop all, lower case', code: composeService('cap_drop:\n  - all') },
      { name: 'drop ALL in a flow sequence', code: composeService('cap_drop: [ALL]') },
      {
        name: 'drop ALL and add back one',
        code: composeService('cap_drop:\n  - ALL\ncap_add:\n  - NET_BIND_SERVICE'),
      },
      { name: 'ALL among other drops', code: composeService('cap_drop:\n  - NET_RAW\n  - ALL') },
      {
        name: 'a privileged service (reported by D04.privileged instead)',
        code: composeService('privileged: true'),
      },
      {
        name: 'drop ALL inherited through extends',
        code: 'services:\n  base:\n    image: x:1\n    cap_drop: [ALL]\n  app:\n    extends: base\n',
      },
    ],
    reject: [
      {
        name: 'no cap_drop',
        code: composeService(''),
        lines: [2],
        messageIncludes: 'service "app" in compose.yaml keeps the default capability set',
        severity: 'medium',
      },
      {
        name: 'privileged false and no cap_drop',
        code: composeService('privileged: false'),
        lines: [2],
        messageIncludes: 'keeps the default capability set',
      },
      {
        name: 'a partial drop',
        code: composeService('cap_drop:\n  - NET_RAW'),
        lines: [5],
        messageIncludes: 'drops only NET_RAW instead of ALL',
        severity: 'medium',
      },
      {
        name: 'several partial drops, reported at the first',
        code: composeService('cap_drop:\n  - NET_RAW\n  - CAP_MKNOD\n  - sys_chroot'),
        lines: [5],
        messageIncludes: 'drops only NET_RAW, MKNOD, SYS_CHROOT instead of ALL',
      },
      {
        name: 'a partial drop in a flow sequence',
        code: composeService('cap_drop: [NET_RAW, MKNOD]'),
        lines: [4],
        messageIncludes: 'drops only NET_RAW, MKNOD',
      },
      {
        name: 'ALL added rather than dropped',
        code: composeService('cap_add:\n  - ALL'),
        lines: [2],
      },
    ],
  },
  kubernetes: {
    accept: [
      {
        name: 'drop ALL',
        code: k8sDeployment('securityContext:\n  capabilities:\n    drop:\n      - ALL'),
      },
      {
        name: 'drop ALL and add NET_BIND_SERVICE',
        code: k8sDeployment(
          'securityContext:\n  capabilities:\n    drop: ["ALL"]\n    add: ["NET_BIND_SERVICE"]',
        ),
      },
      {
        name: 'a privileged container (reported by D04.privileged instead)',
        code: k8sDeployment('securityContext:\n  privileged: true'),
      },
    ],
    reject: [
      {
        name: 'no securityContext',
        code: k8sDeployment(''),
        lines: [10],
        messageIncludes:
          'container "app" of Deployment/web (namespace shop) in manifest.yaml keeps the default',
        severity: 'medium',
      },
      {
        name: 'a securityContext without capabilities',
        code: k8sDeployment('securityContext:\n  runAsNonRoot: true'),
        lines: [10],
      },
      {
        name: 'only add, no drop',
        code: k8sDeployment('securityContext:\n  capabilities:\n    add: ["NET_BIND_SERVICE"]'),
        lines: [10],
      },
      {
        name: 'a partial drop',
        code: k8sDeployment('securityContext:\n  capabilities:\n    drop:\n      - NET_RAW\n      - MKNOD'),
        lines: [15],
        messageIncludes: 'drops only NET_RAW, MKNOD instead of ALL',
      },
    ],
  },
});
