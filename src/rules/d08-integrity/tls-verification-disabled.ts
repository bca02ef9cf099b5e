// D08: the build turns certificate verification off (`curl -k`, `wget --no-check-certificate`,
// `pip --trusted-host`, `strict-ssl false`, `http.sslVerify=false`, NODE_TLS_REJECT_UNAUTHORIZED=0…): what it
// downloads can come from anyone on the path. In an ENV of the image it stays off at run time too.
import { defineRule } from '../../core/rule.js';
import type { Violation } from '../../core/rule.js';
import { describeStage, isInFinalImage } from '../shared/build.js';
import { detect } from '../shared/build-detectors.js';
import { argumentsOf, programOf, type ShellCommand } from '../shared/shell.js';

/** curl's short options that take a value: a `k` after one of them is part of the value. */
const CURL_VALUE_OPTIONS = new Set([...'AbcCdDeEFhHKmoOPQrtTuUwxXyYz']);

function curlInsecure(word: string): boolean {
  if (word === '--insecure' || word === '--proxy-insecure') return true;
  if (!/^-[A-Za-z0-9#:]+$/.test(word)) return false;
  for (const letter of word.slice(1)) {
    if (letter === 'k') return true;
    if (CURL_VALUE_OPTIONS.has(letter)) return false;
  }
  return false;
}

/** Options of many tools that skip certificate checks. */
const INSECURE_OPTIONS =
  /^--(no-check-certificate|insecure-skip-tls-verify|insecure-skip-verify|skip-tls-verify|no-verify-ssl|disable-ssl-verification|tls-verify=(false|0)|tlsverify=(false|0)|ssl-verify=(false|0|no)|verify-ssl=(false|0|no)|strict-ssl=(false|0))$/i;

function commandReasons(command: ShellCommand): string[] {
  const program = programOf(command);
  const args = argumentsOf(command);
  const reasons: string[] = [];
  if (program === 'curl' && args.some(curlInsecure)) reasons.push('curl -k (--insecure)');
  for (const option of args.filter((word) => INSECURE_OPTIONS.test(word)))
    reasons.push(`${program} ${option}`);
  if (args.some((word) => /^--trusted-host(=|$)/.test(word))) reasons.push(`${program} --trusted-host`);
  if (
    /^(npm|yarn|pnpm)$/.test(program) &&
    args.includes('--strict-ssl') &&
    /^(false|0)$/.test(args[args.indexOf('--strict-ssl') + 1] ?? '')
  )
    reasons.push(`${program} --strict-ssl false`);
  if (program === 'go' && args.includes('-insecure')) reasons.push('go get -insecure');
  const writesCurlrc = command.words.some((word) => word.endsWith('.curlrc'));
  if (
    ['echo', 'printf'].includes(program) &&
    writesCurlrc &&
    args.some((w) => /^(insecure|-k|--insecure)$/.test(w))
  )
    reasons.push('insecure written to .curlrc');
  return reasons;
}

/** Settings written to configuration files or set with `config set`, found in a RUN's text. */
const SCRIPT_SETTINGS: [RegExp, string][] = [
  [/\bstrict[-_]ssl["']?\s*[=\s]\s*["']?(false|0)\b/i, 'strict-ssl false (npm/yarn)'],
  [/\benableStrictSsl["']?\s*[=\s:]\s*["']?false\b/i, 'enableStrictSsl false (yarn)'],
  [/\bhttp\.(?:[^\s=]*\.)?sslverify["']?\s*[=\s]\s*["']?(false|0|no|off)\b/i, 'git http.sslVerify false'],
  [/(?<![.\w])sslverify\s*=\s*(0|false|no|off)\b/i, 'sslverify=0 (yum/dnf repository)'],
  [
    /Acquire::https?::(?:[^:\s]+::)?Verify-(?:Peer|Host)["']?\s*[=\s]\s*["']?false/i,
    'apt Acquire::https::Verify-Peer false',
  ],
  [/\bcheck_certificate\s*=\s*(off|0|no|false)\b/i, 'check_certificate = off (.wgetrc)'],
  [/(?:^|[\s.])trusted-host\b\s*[=\s]\s*\S/i, 'pip trusted-host'],
  [/\bsecure-http["']?\s*[=\s]\s*["']?false\b/i, 'composer secure-http false'],
  [/\bdisable-tls["']?\s*[=\s]\s*["']?true\b/i, 'composer disable-tls true'],
  [/\bssl_verify_mode["']?\s*[=:\s]\s*["']?0\b/i, 'ssl_verify_mode 0 (gem/bundler)'],
];

function scriptReasons(script: string): string[] {
  return SCRIPT_SETTINGS.filter(([pattern]) => pattern.test(script)).map(([, reason]) => reason);
}

/** Environment variables that turn verification off, whether set by ENV, ARG or on a RUN line. */
function assignmentReason(name: string, value: string): string | undefined {
  const upper = name.toUpperCase();
  const text = value.trim().replace(/^["']|["']$/g, '');
  if (upper === 'NODE_TLS_REJECT_UNAUTHORIZED' && text === '0') return 'NODE_TLS_REJECT_UNAUTHORIZED=0';
  // git skips verification whenever the variable is set, whatever its value.
  if (upper === 'GIT_SSL_NO_VERIFY') return 'GIT_SSL_NO_VERIFY';
  if (upper === 'PYTHONHTTPSVERIFY' && text === '0') return 'PYTHONHTTPSVERIFY=0';
  if ((upper === 'NPM_CONFIG_STRICT_SSL' || upper === 'YARN_STRICT_SSL') && /^(false|0)$/i.test(text))
    return `${upper}=${text}`;
  if (upper === 'PIP_TRUSTED_HOST' && text !== '') return 'PIP_TRUSTED_HOST';
  if (upper === 'GOINSECURE' && text !== '') return 'GOINSECURE';
  if (upper === 'GOFLAGS' && /(^|\s)-insecure\b/.test(text)) return 'GOFLAGS=-insecure';
  if (upper === 'BUNDLE_SSL_VERIFY_MODE' && text === '0') return 'BUNDLE_SSL_VERIFY_MODE=0';
  if (upper === 'CURL_INSECURE' || upper === 'WGET_NO_CHECK_CERTIFICATE') return upper;
  return undefined;
}

export default defineRule({
  id: 'D08.tls-verification-disabled',
  title: 'TLS certificate verification disabled',
  category: 'D08',
  severity: 'high',
  subject: 'build',
  targets: ['dockerfile'],
  threats: [8],
  cis: [],
  related: {
    checkov: [
      'CKV2_DOCKER_2',
      'CKV2_DOCKER_3',
      'CKV2_DOCKER_4',
      'CKV2_DOCKER_5',
      'CKV2_DOCKER_6',
      'CKV2_DOCKER_12',
      'CKV2_DOCKER_13',
      'CKV2_DOCKER_14',
      'CKV2_DOCKER_15',
      'CKV2_DOCKER_16',
    ],
  },
  rationale:
    'HTTPS only proves who sent a download when the certificate is verified. With verification off, anyone on the network path — a compromised proxy or Wi-Fi, a poisoned DNS answer — can serve their own packages, scripts or binaries, and the build installs them without a warning. Set in an ENV (NODE_TLS_REJECT_UNAUTHORIZED=0, GIT_SSL_NO_VERIFY), the switch stays on in every container of the image, for every outgoing connection of the application.',
  remediation:
    "Remove the switch and make the certificate verifiable instead: for a corporate proxy or an internal registry, add its CA to the image's trust store.\n  COPY corp-root-ca.crt /usr/local/share/ca-certificates/corp-root-ca.crt\n  RUN update-ca-certificates\nTools that keep their own store can be pointed at it: `NODE_EXTRA_CA_CERTS`, `PIP_CERT`, `npm config set cafile`, `git config http.sslCAInfo`.",
  references: [
    'https://curl.se/docs/sslcerts.html',
    'https://nodejs.org/api/cli.html#node_tls_reject_unauthorizedvalue',
    'https://git-scm.com/docs/git-config#Documentation/git-config.txt-httpsslVerify',
  ],
  examples: [
    {
      target: 'dockerfile',
      bad: 'FROM node:24-slim\nENV NODE_TLS_REJECT_UNAUTHORIZED=0\nRUN npm config set strict-ssl false && npm ci\n',
      good: 'FROM node:24-slim\nCOPY corp-root-ca.crt /usr/local/share/ca-certificates/\nENV NODE_EXTRA_CA_CERTS=/usr/local/share/ca-certificates/corp-root-ca.crt\nRUN npm ci\n',
    },
  ],
  check(spec) {
    const violations: Violation[] = [];
    const detections = detect(spec, {
      command: commandReasons,
      script: scriptReasons,
      assignment: assignmentReason,
    });
    for (const detection of detections) {
      const where = detection.stage ? describeStage(spec, detection.stage) : 'the global ARGs';
      const staysOn =
        detection.keyword === 'ENV' && detection.stage !== undefined && isInFinalImage(spec, detection.stage)
          ? ', and it stays off in every container of the image'
          : '';
      violations.push({
        message: `${detection.keyword} in ${where} of ${spec.path} disables certificate verification (${detection.reasons.join(', ')}): downloads can be replaced on the way${staysOn}`,
        location: detection.at,
        evidence: detection.evidence,
      });
    }
    return violations;
  },
});
