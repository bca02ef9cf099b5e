// Port publication in the short syntax shared by compose `ports:` and `docker run -p`:
// `[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]`, ranges `8000-8010:80-90`, IPv6 `[::1]:80:80`.
export interface PortSpec {
  hostIp?: string;
  hostPort?: string;
  containerPort: string;
  protocol: string;
}

export function parsePortSpec(text: string): PortSpec | undefined {
  let rest = text.trim();
  if (rest === '') return undefined;
  let protocol = 'tcp';
  const slash = rest.lastIndexOf('/');
  if (slash !== -1) {
    protocol = rest.slice(slash + 1).toLowerCase() || 'tcp';
    rest = rest.slice(0, slash);
  }
  let hostIp: string | undefined;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close === -1) return undefined;
    hostIp = rest.slice(1, close);
    rest = rest.slice(close + 1).replace(/^:/, '');
  }
  const parts = rest.split(':');
  let hostPort: string | undefined;
  let containerPort: string;
  if (hostIp !== undefined) {
    if (parts.length === 1) containerPort = parts[0]!;
    else {
      hostPort = parts[0] || undefined;
      containerPort = parts.slice(1).join(':');
    }
  } else if (parts.length === 1) {
    containerPort = parts[0]!;
  } else if (parts.length === 2) {
    hostPort = parts[0] || undefined;
    containerPort = parts[1]!;
  } else {
    // More than two colons without brackets: an IPv4 host or a bare IPv6 address before the ports.
    containerPort = parts.pop()!;
    hostPort = parts.pop() || undefined;
    hostIp = parts.join(':');
  }
  if (containerPort === '') return undefined;
  const spec: PortSpec = { containerPort, protocol };
  if (hostIp !== undefined && hostIp !== '') spec.hostIp = hostIp;
  if (hostPort !== undefined) spec.hostPort = hostPort;
  return spec;
}
