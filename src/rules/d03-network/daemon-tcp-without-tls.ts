// D03: the Docker API on TCP without client certificate verification is root on the host for anyone who
// reaches the port.
import { defineRule } from '../../core/rule.js';
import { isLoopbackHost, notSet, splitHostPort } from '../shared/engine.js';

/** The address of a TCP listener (`tcp://h:p`, or `h:p` without a scheme, which dockerd reads as TCP). */
function tcpAddress(host: string): string | undefined {
  const trimmed = host.trim();
  if (trimmed === '') return undefined;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(trimmed);
  if (scheme && scheme[1]!.toLowerCase() !== 'tcp') return undefined; // unix://, fd://, npipe://
  const rest = scheme ? trimmed.slice(scheme[0].length) : trimmed;
  return rest.split('/')[0]!;
}

export default defineRule({
  id: 'D03.daemon-tcp-without-tls',
  title: 'Docker API on TCP without TLS client verification',
  category: 'D03',
  severity: 'critical',
  subject: 'engine-config',
  targets: ['daemon', 'engine'],
  threats: [3, 4, 7],
  cis: ['2.7'],
  related: { 'docker-bench-security': ['2.7'] },
  rationale:
    "The Docker API has no authentication of its own: whoever can send it a request can start a privileged container that mounts the host's root file system. On TCP without `tlsverify`, that is anyone who reaches the port (2375 is scanned for on the internet and mined within minutes). `tls` alone encrypts but accepts any client. On 127.0.0.1 it is still every local user and any process that can be made to send an HTTP request (SSRF). The unix socket (`unix://`) and systemd socket activation (`fd://`) are protected by file permissions.",
  remediation:
    'Listen on the unix socket only, or require client certificates on TCP, in /etc/docker/daemon.json:\n  {\n    "hosts": ["unix:///var/run/docker.sock", "tcp://0.0.0.0:2376"],\n    "tlsverify": true,\n    "tlscacert": "/etc/docker/tls/ca.pem",\n    "tlscert": "/etc/docker/tls/server-cert.pem",\n    "tlskey": "/etc/docker/tls/server-key.pem"\n  }\nWith `hosts` in daemon.json, drop `-H fd://` from the unit\'s ExecStart (dockerd refuses a setting given both ways). For remote access without opening a port, prefer `DOCKER_HOST=ssh://user@host`.',
  references: [
    'https://docs.docker.com/engine/security/protect-access/',
    'https://docs.docker.com/reference/cli/dockerd/#daemon-socket-option',
  ],
  examples: [
    {
      target: 'daemon',
      bad: '{\n  "hosts": ["unix:///var/run/docker.sock", "tcp://0.0.0.0:2375"]\n}\n',
      good: '{\n  "hosts": ["unix:///var/run/docker.sock", "tcp://0.0.0.0:2376"],\n  "tlsverify": true,\n  "tlscacert": "/etc/docker/tls/ca.pem",\n  "tlscert": "/etc/docker/tls/server-cert.pem",\n  "tlskey": "/etc/docker/tls/server-key.pem"\n}\n',
    },
  ],
  check(config) {
    if (config.tlsVerify?.value === true) return [];
    const why = config.tlsVerify
      ? 'tlsverify is false'
      : config.unsetMeansDefault
        ? notSet('tlsverify', 'false')
        : 'tlsverify is not set here (unless daemon.json sets it)';
    const tlsOnly =
      config.tls?.value === true ? '; tls without tlsverify encrypts but accepts any client' : '';
    return config.hosts.flatMap((host) => {
      const address = tcpAddress(host.value);
      if (address === undefined) return [];
      const { host: name } = splitHostPort(address);
      const loopback = name === '' || isLoopbackHost(name);
      return [
        {
          message: loopback
            ? `the Docker API listens on ${host.value} without TLS client verification (${why}${tlsOnly}): every local user and any process that can be made to send a request to it controls the host as root`
            : `the Docker API listens on ${host.value} without TLS client verification (${why}${tlsOnly}): anyone who reaches the port controls the host as root`,
          location: host.at,
          evidence: host.value,
          ...(loopback ? { severity: 'high' as const } : {}),
        },
      ];
    });
  },
});
