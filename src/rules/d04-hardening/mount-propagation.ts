// D04: a mount with shared propagation: mounts made in the container appear on the host, and back.
import { defineRule } from '../../core/rule.js';
import { formatMount, who } from '../shared/workload.js';

/** Docker's `shared`/`rshared` and Kubernetes `Bidirectional` (which is rshared). */
function isShared(propagation: string | undefined): boolean {
  const value = propagation?.trim().toLowerCase();
  return value === 'shared' || value === 'rshared' || value === 'bidirectional';
}

export default defineRule({
  id: 'D04.mount-propagation',
  title: 'Shared mount propagation',
  category: 'D04',
  severity: 'medium',
  subject: 'workload',
  targets: ['compose', 'kubernetes', 'docker-run', 'engine'],
  threats: [1, 7],
  cis: ['5.20'],
  related: {},
  rationale:
    "With shared (rshared, Kubernetes Bidirectional) propagation, a mount the container makes under the mount point propagates to the host's mount namespace and to every other container sharing it: a container that can mount (CAP_SYS_ADMIN) can mount over host paths. Private or slave propagation (the defaults) keep the container's mounts its own.",
  remediation:
    'Leave propagation at its default (rprivate), or use slave propagation if the container must see host mounts:\n  compose:    volumes: [{ type: bind, source: /mnt/data, target: /data, bind: { propagation: rslave } }]\n  Kubernetes: volumeMounts: [{ name: data, mountPath: /data, mountPropagation: HostToContainer }]\n  docker run: -v /mnt/data:/data:rslave',
  references: [
    'https://docs.docker.com/engine/storage/bind-mounts/#configure-bind-propagation',
    'https://kubernetes.io/docs/concepts/storage/volumes/#mount-propagation',
  ],
  examples: [
    {
      target: 'compose',
      bad: 'services:\n  agent:\n    image: registry.example.com/agent:1.0\n    volumes:\n      - /mnt/data:/data:rshared\n',
      good: 'services:\n  agent:\n    image: registry.example.com/agent:1.0\n    volumes:\n      - /mnt/data:/data:rslave\n',
    },
    {
      target: 'kubernetes',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n  containers:\n    - name: agent\n      image: registry.example.com/agent:1.0\n      volumeMounts:\n        - name: data\n          mountPath: /data\n          mountPropagation: Bidirectional\n  volumes:\n    - name: data\n      hostPath: { path: /mnt/data }\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n  containers:\n    - name: agent\n      image: registry.example.com/agent:1.0\n      volumeMounts:\n        - name: data\n          mountPath: /data\n          mountPropagation: HostToContainer\n  volumes:\n    - name: data\n      hostPath: { path: /mnt/data }\n',
    },
  ],
  check(workload) {
    return workload.mounts
      .filter((mount) => isShared(mount.propagation))
      .map((mount) => ({
        message: `${who(workload)} mounts ${mount.source ?? mount.target} at ${mount.target} with ${mount.propagation} propagation: its mounts propagate to the host`,
        location: mount.at,
        evidence: `${formatMount(mount)} (${mount.propagation})`,
      }));
  },
});
