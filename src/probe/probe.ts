// `dt10 probe`: connects to management interfaces and asks each, with a read, whether it answers without
// authentication. Opt-in and never part of a scan: it sends traffic to the hosts the user names, nothing else.
import { lookup } from 'node:dns/promises';
import type { Finding, ScanError } from '../core/finding.js';
import { fingerprints } from '../core/fingerprint.js';
import { defineRule } from '../core/rule.js';
import type { ScanResult } from '../scan/pipeline.js';
import { AUTO_ORDER, connectCheck, PROBES, type ServiceAnswer, type Wire } from './protocols.js';
import { targetUrl, type ProbeTarget, type Service } from './targets.js';

export interface ProbeOptions {
  /** Milliseconds for each connection and each request. */
  timeoutMs: number;
  /** Targets probed at once. */
  concurrency: number;
}

export interface ProbeOutcome {
  target: ProbeTarget;
  /** `tcp://host:port`. */
  url: string;
  /** The address connected to (the host resolved). */
  address?: string;
  loopback: boolean;
  /** `open`, `closed`, `no answer`, or the error (`EHOSTUNREACH`, `ENOTFOUND`). */
  state: string;
  /** Set when the open port spoke one of the protocols. */
  answer?: ServiceAnswer;
}

const NAMES: Record<Service, string> = {
  'docker-api': 'the Docker Engine API',
  etcd: 'etcd',
  'kubernetes-api': 'the Kubernetes API server',
  kubelet: 'the kubelet',
  redis: 'Redis',
  registry: 'the container registry',
};

const IMPACT: Record<Service, string> = {
  'docker-api': 'whoever reaches it starts a privileged container and is root on the host',
  etcd: 'whoever reaches it reads and writes every object of the cluster, Secrets included',
  'kubernetes-api': 'anonymous requests are accepted; what they may do is only up to RBAC',
  kubelet:
    'whoever reaches it lists the pods of the node with their environment, and may run commands in them',
  redis: 'whoever reaches it reads and writes every key, and can often write files as the redis user',
  registry: 'whoever reaches it pulls every image and may push over them',
};

export const UNAUTHENTICATED_INTERFACE = defineRule({
  id: 'D03.unauthenticated-interface',
  title: 'Management interface answers without authentication',
  category: 'D03',
  severity: 'critical',
  subject: 'host',
  targets: ['host'],
  threats: [3, 4, 7],
  cis: [],
  related: { 'docker-bench-security': ['2.7'], 'kube-bench': ['1.2.1', '2.2', '4.2.1', '4.2.4'] },
  rationale:
    "Found by `dt10 probe`, which connects to the interface and asks it, with a read, what an attacker would ask first: the Docker API's /version, etcd's range read, the kubelet's /pods, the API server's /api, Redis's PING, a registry's /v2/. An answer without credentials means anyone who reaches the address controls what the interface manages. On loopback it is still every local user and any process that can be made to send a request (SSRF).",
  remediation:
    'Require authentication, then restrict the network:\n  dockerd: tlsverify with client certificates, or the unix socket only\n  etcd: --client-cert-auth=true with TLS, or `etcdctl auth enable`\n  kubelet: authentication.anonymous.enabled: false, authorization.mode: Webhook, readOnlyPort: 0\n  kube-apiserver: --anonymous-auth=false\n  Redis: requirepass or ACL users, bind 127.0.0.1\n  registry: auth (htpasswd or token) in config.yml',
  references: [
    'https://docs.docker.com/engine/security/protect-access/',
    'https://etcd.io/docs/v3.5/op-guide/authentication/',
    'https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/',
    'https://redis.io/docs/latest/operate/oss_and_stack/management/security/',
  ],
  // The probe makes these findings itself; there is nothing in a host's files for this rule to judge.
  check: () => [],
});

function isLoopback(address: string): boolean {
  return address.startsWith('127.') || address === '::1' || address.startsWith('::ffff:127.');
}

async function probeOne(target: ProbeTarget, address: string, options: ProbeOptions): Promise<ProbeOutcome> {
  const url = targetUrl(target.host, target.port);
  const outcome: ProbeOutcome = { target, url, address, loopback: isLoopback(address), state: 'open' };
  const wire: Wire = { address, host: target.host, port: target.port, timeoutMs: options.timeoutMs };
  outcome.state = await connectCheck(wire);
  if (outcome.state !== 'open') return outcome;
  const services = target.service !== undefined ? [target.service] : AUTO_ORDER;
  for (const service of services) {
    try {
      const answer = await PROBES[service](wire, target.service !== undefined);
      if (answer !== undefined) {
        outcome.answer = answer;
        break;
      }
    } catch {
      // Not this protocol (a reset, a timeout, garbage): the next one, or "open, not identified".
    }
  }
  return outcome;
}

/** Probes every target, `options.concurrency` at a time; each host is resolved once. */
export async function probe(
  targets: readonly ProbeTarget[],
  options: ProbeOptions,
): Promise<{ outcomes: ProbeOutcome[]; errors: ScanError[] }> {
  const addresses = new Map<string, Promise<string | ScanError>>();
  const resolve = (host: string) => {
    let address = addresses.get(host);
    if (address === undefined) {
      address = lookup(host).then(
        (found) => found.address,
        (error: NodeJS.ErrnoException) => ({
          path: host,
          message: `cannot resolve ${host}: ${error.code ?? error.message}`,
        }),
      );
      addresses.set(host, address);
    }
    return address;
  };
  const outcomes: ProbeOutcome[] = new Array(targets.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < targets.length) {
      const index = next++;
      const target = targets[index]!;
      const address = await resolve(target.host);
      outcomes[index] =
        typeof address === 'string'
          ? await probeOne(target, address, options)
          : { target, url: targetUrl(target.host, target.port), loopback: false, state: 'unresolved' };
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, targets.length) }, worker));
  const errors: ScanError[] = [];
  for (const address of addresses.values()) {
    const value = await address;
    if (typeof value !== 'string') errors.push(value);
  }
  return { outcomes, errors };
}

/** One finding per interface that answered without authentication: critical beyond loopback, high on it. */
export function findingsOf(outcomes: readonly ProbeOutcome[]): Finding[] {
  const rule = UNAUTHENTICATED_INTERFACE;
  return outcomes.flatMap((outcome) => {
    const answer = outcome.answer;
    if (answer === undefined || answer.verdict !== 'unauthenticated') return [];
    const via =
      outcome.address !== undefined && outcome.address !== outcome.target.host ? ` (${outcome.address})` : '';
    const scope = outcome.loopback
      ? 'on loopback: every local user and any process that can be made to send a request'
      : 'beyond loopback';
    return [
      {
        ruleId: rule.id,
        category: rule.category,
        severity: outcome.loopback ? 'high' : 'critical',
        title: rule.title,
        message: `${NAMES[answer.service]} at ${outcome.url}${via}${answer.tls ? ' over TLS' : ''} answers without authentication, ${scope}: ${IMPACT[answer.service]}`,
        location: { engine: outcome.url, object: answer.service },
        evidence: answer.evidence,
        remediation: rule.remediation,
        cis: rule.cis,
        threats: rule.threats,
      } satisfies Finding,
    ];
  });
}

/** The probe's outcome as a scan result, for the reporters. */
export function probeResult(outcomes: readonly ProbeOutcome[], errors: ScanError[]): ScanResult {
  // In the order the targets were named.
  const findings = findingsOf(outcomes);
  return {
    findings,
    suppressed: [],
    staleSuppressions: [],
    fingerprints: fingerprints(findings),
    errors,
    engines: [],
    filesScanned: 0,
    filesUnreadable: 0,
    subjects: outcomes.length,
  };
}
