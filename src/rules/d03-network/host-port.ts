// D03: a Kubernetes container binds a port on the node it runs on, outside any Service or NetworkPolicy.
import { defineRule } from '../../core/rule.js';
import { formatPort, portRange } from '../shared/published-ports.js';
import { who } from '../shared/workload.js';

export default defineRule({
  id: 'D03.host-port',
  title: 'Kubernetes hostPort',
  category: 'D03',
  severity: 'medium',
  subject: 'workload',
  targets: ['kubernetes'],
  threats: [2, 4, 5],
  cis: [],
  related: { trivy: ['KSV-0024'], checkov: ['CKV_K8S_26'] },
  rationale:
    "A hostPort opens the port on the node's own addresses: anyone who can reach the node reaches the pod, around the Service and Ingress the cluster's policies are written for. It also ties the pod to nodes where that port is free.",
  remediation:
    'Remove hostPort and expose the pod through a Service (ClusterIP, with an Ingress or a LoadBalancer in front):\n  Kubernetes: ports: [{ containerPort: 8080 }]  plus  kind: Service',
  references: ['https://kubernetes.io/docs/concepts/configuration/overview/#services'],
  examples: [
    {
      target: 'kubernetes',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      ports:\n        - containerPort: 8080\n          hostPort: 8080\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      ports:\n        - containerPort: 8080\n',
    },
  ],
  check(workload) {
    if (workload.origin !== 'kubernetes') return [];
    return workload.ports.flatMap((port) => {
      const range = portRange(port.hostPort);
      // `hostPort: 0` is the API's way of saying "none".
      if (range && range.from === 0 && range.to === 0) return [];
      return [
        {
          message: `${who(workload)} binds host port ${port.hostPort} on its node (→ ${port.containerPort}/${port.protocol})`,
          location: port.at,
          evidence: formatPort(port),
        },
      ];
    });
  },
});
