// Host paths whose mounting into a container hands over the host (CIS Docker Benchmark 5.6, 5.32).
import { normalizeHostPath } from './workload.js';

/** Container runtime sockets: whoever can talk to them can start a privileged container on the host. */
const RUNTIME_SOCKETS = [
  '/var/run/docker.sock',
  '/run/docker.sock',
  '/var/run/containerd/containerd.sock',
  '/run/containerd/containerd.sock',
  '/var/run/crio/crio.sock',
  '/run/crio/crio.sock',
  '/var/run/podman/podman.sock',
  '/run/podman/podman.sock',
  '/var/run/cri-dockerd.sock',
];

/** Directories that are sensitive themselves, mounted in any mode. */
const SENSITIVE_EXACT = new Set([
  '/',
  '/bin',
  '/boot',
  '/dev',
  '/etc',
  '/home',
  '/lib',
  '/lib64',
  '/proc',
  '/root',
  '/run',
  '/sbin',
  '/sys',
  '/usr',
  '/var',
  '/var/run',
  '/var/lib',
]);

/** Trees where anything below is sensitive, in any mode. */
const SENSITIVE_TREES = [
  '/boot',
  '/proc',
  '/sys',
  '/root',
  '/var/lib/docker',
  '/var/lib/containerd',
  '/var/lib/kubelet',
  '/etc/kubernetes',
  '/etc/docker',
  '/var/run/secrets',
];

/** Trees where a writable mount of anything below lets the container change the host's system. */
const SYSTEM_TREES = ['/etc', '/usr', '/lib', '/lib64', '/bin', '/sbin', '/dev'];

const under = (path: string, tree: string): boolean => path === tree || path.startsWith(`${tree}/`);

/** The path the engine resolves: an absolute path's `..` segments cannot hide `/etc` behind `/srv/../etc`. */
function resolvedHostPath(hostPath: string): string {
  const path = normalizeHostPath(hostPath);
  if (!path.startsWith('/') || !path.split('/').includes('..')) return path;
  const segments: string[] = [];
  for (const segment of path.split('/').slice(1)) {
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return `/${segments.join('/')}`;
}

export function isRuntimeSocket(hostPath: string): boolean {
  const path = resolvedHostPath(hostPath);
  return RUNTIME_SOCKETS.includes(path) || /\/(docker|containerd|podman|crio)\.sock$/.test(path);
}

/** Why mounting `hostPath` is sensitive, or undefined when it is not. */
export function sensitivity(hostPath: string, readOnly: boolean): string | undefined {
  const path = resolvedHostPath(hostPath);
  if (SENSITIVE_EXACT.has(path)) return path === '/' ? 'the whole host filesystem' : `the host's ${path}`;
  const tree = SENSITIVE_TREES.find((t) => under(path, t));
  if (tree) return `a path under the host's ${tree}`;
  const system = SYSTEM_TREES.find((t) => under(path, t));
  if (system && !readOnly) return `a writable path under the host's ${system}`;
  return undefined;
}
