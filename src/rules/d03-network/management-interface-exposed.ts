// D03: a management interface of the engine or the orchestrator (Docker API, containerd, etcd, kubelet, API
// server, dashboard, cAdvisor, registry) listening on the host beyond loopback: the management backplane on
// the network (the guide's D03 "never expose them in the internet, nor in the DMZ").
import type { Severity } from '../../core/severity.js';
import { defineRule } from '../../core/rule.js';
import type { ListeningSocket } from '../../subjects/host/network.js';

interface Interface {
  /** What it is, for messages. */
  what: string;
  /** Process names (comm, at most 15 characters) that are this interface on any TCP port. */
  processes: readonly string[];
  /** Ports that are this interface when the owner is unknown or a process serving several (k3s, docker-proxy). */
  ports: readonly number[];
  /** The severity of a socket on `port` owned by `cmdline`. */
  judge(port: number, cmdline: readonly string[]): { severity: Severity; why: string };
}

/** Whether a command line sets a boolean flag true (`--flag`, `--flag=true`), as Go's flag packages read it. */
function flagOn(cmdline: readonly string[], flag: string): boolean {
  return cmdline.some((arg) => arg === `--${flag}` || arg === `--${flag}=true` || arg === `-${flag}`);
}

/**
 * Processes that serve several interfaces, or forward a container's published port: only the port says
 * which interface it is.
 */
const BY_PORT_ONLY = new Set(['docker-proxy', 'k3s', 'k3s-server', 'k3s-agent', 'k0s', 'kubelite']);

const INTERFACES: readonly Interface[] = [
  {
    what: 'the Docker Engine API',
    processes: ['dockerd'],
    ports: [2375, 2376],
    judge(port, cmdline) {
      if (flagOn(cmdline, 'tlsverify'))
        return {
          severity: 'medium',
          why: 'dockerd requires client certificates (--tlsverify), yet whoever holds one is root on the host: keep it off networks that do not need it',
        };
      if (port === 2375)
        return {
          severity: 'critical',
          why: '2375 is the plain-HTTP port: anyone who reaches it starts a privileged container and owns the host as root, without any credential',
        };
      if (port === 2376)
        return {
          severity: 'medium',
          why: '2376 is the TLS port, but dockerd is root on the host for every client it accepts; whether clients must present a certificate is set in daemon.json (D03.daemon-tcp-without-tls)',
        };
      return {
        severity: 'high',
        why: 'the API is root on the host for every client it accepts, and the command line shows no --tlsverify',
      };
    },
  },
  {
    what: 'containerd',
    processes: ['containerd'],
    ports: [],
    judge: () => ({
      severity: 'high',
      why: 'containerd runs and execs into every container of the host; its API has no authentication of its own',
    }),
  },
  {
    what: 'etcd',
    processes: ['etcd'],
    ports: [2379, 2380],
    judge(port, cmdline) {
      if (port === 2380)
        return {
          severity: 'medium',
          why: '2380 is the peer port: only the other etcd members need it',
        };
      const certs = flagOn(cmdline, 'client-cert-auth');
      return {
        severity: certs || port !== 2379 ? 'medium' : 'high',
        why:
          port !== 2379
            ? 'an etcd listener beyond the client port (metrics, a second client URL)'
            : certs
              ? 'etcd requires client certificates (--client-cert-auth), yet it holds every Secret of the cluster: only the API servers need it'
              : 'etcd holds every Secret of the cluster and its command line shows no --client-cert-auth: only the API servers need it',
      };
    },
  },
  {
    what: 'the kubelet',
    processes: ['kubelet'],
    ports: [10250, 10255],
    judge(port) {
      return port === 10255
        ? {
            severity: 'high',
            why: '10255 is the read-only port: pods, their environment and node metrics without any authentication',
          }
        : {
            severity: 'medium',
            why: 'the kubelet API runs commands in every pod of the node; it answers anonymous requests unless anonymous-auth is false',
          };
    },
  },
  {
    what: 'the Kubernetes API server',
    processes: ['kube-apiserver'],
    ports: [6443],
    judge: () => ({
      severity: 'medium',
      why: 'the control plane of the cluster: reachable by its nodes and administrators, never from the internet or a DMZ',
    }),
  },
  {
    what: 'the Kubernetes dashboard',
    processes: ['dashboard', 'kubernetes-dash'],
    ports: [],
    judge: () => ({
      severity: 'high',
      why: 'the dashboard acts with its service account on the cluster; it belongs behind kubectl proxy or an authenticating proxy',
    }),
  },
  {
    what: 'cAdvisor',
    processes: ['cadvisor'],
    ports: [],
    judge: () => ({
      severity: 'medium',
      why: 'cAdvisor has no authentication: it lists every container of the host with its labels, images and resource use',
    }),
  },
  {
    what: 'a container registry',
    processes: ['registry'],
    ports: [],
    judge: () => ({
      severity: 'medium',
      why: 'a registry without authentication lets anyone who reaches it pull every image and push over them',
    }),
  },
];

function isLoopback(address: string): boolean {
  return address.startsWith('127.') || address === '::1' || address.startsWith('::ffff:127.');
}

function where(socket: ListeningSocket): string {
  const address = socket.address.includes(':') ? `[${socket.address}]` : socket.address;
  const scope =
    socket.address === '0.0.0.0'
      ? 'every IPv4 address'
      : socket.address === '::'
        ? 'every address'
        : 'a non-loopback address';
  return `${address}:${socket.port} (${scope})`;
}

function identify(socket: ListeningSocket): Interface | undefined {
  const name = socket.process?.name;
  if (name === undefined || BY_PORT_ONLY.has(name))
    return INTERFACES.find((candidate) => candidate.ports.includes(socket.port));
  return INTERFACES.find((candidate) => candidate.processes.includes(name));
}

export default defineRule({
  id: 'D03.management-interface-exposed',
  title: 'Management interface listening beyond loopback',
  category: 'D03',
  severity: 'high',
  subject: 'host',
  targets: ['host'],
  threats: [3, 4, 7],
  cis: [],
  related: {
    'docker-bench-security': ['2.7'],
    'kube-bench': ['1.2.1', '2.2', '4.2.1', '4.2.4'],
  },
  rationale:
    "The guide's D03: management frontends and APIs of the engine and the orchestrator are the management backplane; never expose them to the internet, nor to the DMZ or the LAN of the workloads. A container that is broken into reaches every address of its host: a Docker API on 2375 or a kubelet read-only port on 10255 answers it without any credential, and etcd holds every Secret of the cluster. dt10 reads the host's listening sockets (/proc/net/tcp, tcp6) and their processes (/proc/<pid>/fd) and names each management interface bound to an address other than loopback. Whether one answers without authentication is what `dt10 probe` checks.",
  remediation:
    'Bind management interfaces to 127.0.0.1 or a dedicated management network, and firewall the rest:\n  dockerd: listen on the unix socket only (remove `-H tcp://…` and `hosts` entries), or `tcp://0.0.0.0:2376` with `tlsverify`\n  etcd: --listen-client-urls=https://127.0.0.1:2379,https://<mgmt-ip>:2379 --client-cert-auth=true\n  kubelet: readOnlyPort: 0, authentication.anonymous.enabled: false, authorization.mode: Webhook\n  kube-apiserver: firewall 6443 to nodes and administrators; --anonymous-auth=false\n  dashboard, cAdvisor, registry: bind to 127.0.0.1 and reach them through kubectl port-forward or an authenticating proxy\nCheck from another machine with `dt10 probe HOST`.',
  references: [
    'https://docs.docker.com/engine/security/protect-access/',
    'https://kubernetes.io/docs/reference/networking/ports-and-protocols/',
    'https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/',
    'https://etcd.io/docs/v3.5/op-guide/security/',
  ],
  examples: [
    {
      target: 'host',
      bad: `"/proc/net/tcp": |
  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000:0947 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 31337 1 0000000000000000 100 0 0 10 0
"/proc/812/stat": "812 (dockerd) S 1 812 812 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 9 0 4000 0 0\\n"
"/proc/812/cmdline": "/usr/bin/dockerd\\0-H\\0tcp://0.0.0.0:2375\\0"
"/proc/812/fd/6": { link: "socket:[31337]" }
`,
      good: `"/proc/net/tcp": |
  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:0947 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 31337 1 0000000000000000 100 0 0 10 0
"/proc/812/stat": "812 (dockerd) S 1 812 812 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 9 0 4000 0 0\\n"
"/proc/812/cmdline": "/usr/bin/dockerd\\0-H\\0tcp://127.0.0.1:2375\\0"
"/proc/812/fd/6": { link: "socket:[31337]" }
`,
    },
  ],
  check(host) {
    return (host.network.listening ?? []).flatMap(({ value: socket, at }) => {
      if (socket.protocol !== 'tcp' && socket.protocol !== 'tcp6') return [];
      if (isLoopback(socket.address)) return [];
      const found = identify(socket);
      if (found === undefined) return [];
      const { severity, why } = found.judge(socket.port, socket.process?.cmdline ?? []);
      const owner =
        socket.process === undefined
          ? 'owner not readable: identified by its port'
          : socket.process.name === 'docker-proxy'
            ? `docker-proxy pid ${socket.process.pid}: a container publishes it`
            : `${socket.process.name} pid ${socket.process.pid}`;
      return [
        {
          message: `${found.what} listens on ${where(socket)} (${owner}) on ${host.label}: ${why}`,
          location: at,
          evidence: `${socket.protocol} ${socket.address.includes(':') ? `[${socket.address}]` : socket.address}:${socket.port}${socket.process ? ` ${socket.process.name}` : ''}`,
          severity,
        },
      ];
    });
  },
});
