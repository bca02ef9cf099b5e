// D03: the container uses the host's network stack: no network separation at all.
import { defineRule } from '../../core/rule.js';
import { isHostMode, who } from '../shared/workload.js';

export default defineRule({
  id: 'D03.host-network',
  title: 'Host network mode',
  category: 'D03',
  severity: 'high',
  subject: 'workload',
  targets: ['compose', 'kubernetes', 'docker-run', 'engine'],
  threats: [2, 3, 4, 5],
  cis: ['5.10'],
  related: { trivy: ['KSV-0009'], checkov: ['CKV_K8S_19'], kubescape: ['C-0041'] },
  rationale:
    'With the host network the container can bind to any host port, reach services listening on the host loopback (engine, kubelet, databases) and sniff host traffic; no firewall rule separates it.',
  remediation:
    'Use a user-defined network and publish only the ports needed, on the interface needed:\n  compose:    remove `network_mode: host`; ports: ["127.0.0.1:8080:8080"]\n  Kubernetes: hostNetwork: false\n  docker run: --network app-net -p 127.0.0.1:8080:8080',
  references: ['https://docs.docker.com/engine/network/drivers/host/'],
  examples: [
    {
      target: 'compose',
      bad: 'services:\n  web:\n    image: nginx:1.27\n    network_mode: host\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    networks: [frontend]\n',
    },
    {
      target: 'kubernetes',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  hostNetwork: true\n  containers:\n    - name: web\n      image: nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
    },
  ],
  check(workload) {
    const mode = workload.networkMode;
    if (!isHostMode(mode)) return [];
    return [
      { message: `${who(workload)} uses the host network`, location: mode.at, evidence: 'network: host' },
    ];
  },
});
