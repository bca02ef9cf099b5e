// D08: the build installs packages with signature checks off (`apk --allow-untrusted`,
// `apt-get --allow-unauthenticated`, `[trusted=yes]`, `--nogpgcheck`, `gpgcheck=0`, `rpm --nosignature`,
// GOSUMDB=off…): anything that reaches the package manager is installed as genuine.
import { defineRule } from '../../core/rule.js';
import type { Violation } from '../../core/rule.js';
import { describeStage } from '../shared/build.js';
import { detect } from '../shared/build-detectors.js';
import { argumentsOf, programOf, type ShellCommand } from '../shared/shell.js';

const PACKAGE_TOOLS = /^(apk|apt-get|apt|aptitude|yum|dnf|microdnf|tdnf|zypper|rpm|dpkg|gem|pacman)$/;

/** Options that install without verifying signatures, by the tools that know them. */
const UNSIGNED_OPTIONS: [RegExp, RegExp][] = [
  [/^apk$/, /^--allow-untrusted$/],
  [/^(apt-get|apt|aptitude)$/, /^--(allow-unauthenticated|allow-insecure-repositories|force-yes)$/],
  [/^(yum|dnf|microdnf|tdnf)$/, /^--(nogpgcheck|no-gpgchecks?)$/],
  [/^zypper$/, /^--no-gpg-checks?$/],
  [/^rpm$/, /^--(nosignature|nodigest)$/],
  [/^dpkg$/, /^--force-bad-verify$/],
];

function commandReasons(command: ShellCommand): string[] {
  const program = programOf(command);
  if (!PACKAGE_TOOLS.test(program)) return [];
  const args = argumentsOf(command);
  const reasons: string[] = [];
  for (const [tools, option] of UNSIGNED_OPTIONS)
    if (tools.test(program))
      for (const word of args) if (option.test(word)) reasons.push(`${program} ${word}`);
  if (
    program === 'gem' &&
    args.some((word, i) => /^(-P|--trust-policy)$/.test(word) && args[i + 1] === 'NoSecurity')
  )
    reasons.push('gem -P NoSecurity');
  return reasons;
}

/** Settings written to sources, repository files or package-manager configuration. */
const SCRIPT_SETTINGS: [RegExp, string][] = [
  [/\[[^\]\n]*\btrusted=yes\b[^\]\n]*\]/i, 'an apt source marked [trusted=yes]'],
  [/^\s*Trusted:\s*yes\b/im, 'an apt source with Trusted: yes'],
  [/AllowUnauthenticated["']?\s*[=\s]\s*["']?(true|1|yes)\b/i, 'APT::Get::AllowUnauthenticated'],
  [
    /Allow(?:DowngradeTo)?InsecureRepositories["']?\s*[=\s]\s*["']?(true|1|yes)\b/i,
    'Acquire::AllowInsecureRepositories',
  ],
  [/(?<![\w.])gpgcheck\s*=\s*["']?(0|false|no|off)\b/i, 'gpgcheck=0'],
  [/\bSigLevel\s*=\s*(Never|Optional\s+TrustAll|TrustAll)\b/i, 'pacman SigLevel = Never'],
  [/\bgo\s+env\s+-w\s+GOSUMDB=off\b/i, 'go env -w GOSUMDB=off'],
];

function scriptReasons(script: string): string[] {
  return SCRIPT_SETTINGS.filter(([pattern]) => pattern.test(script)).map(([, reason]) => reason);
}

function assignmentReason(name: string, value: string): string | undefined {
  const upper = name.toUpperCase();
  const text = value.trim().replace(/^["']|["']$/g, '');
  if (upper === 'GOSUMDB' && text.toLowerCase() === 'off') return 'GOSUMDB=off';
  if (upper === 'GONOSUMCHECK' && /^(1|true)$/i.test(text)) return 'GONOSUMCHECK=1';
  if (upper === 'GONOSUMDB' && /(^|,)\*(,|$)/.test(text)) return 'GONOSUMDB=*';
  return undefined;
}

export default defineRule({
  id: 'D08.signature-check-disabled',
  title: 'Package signature verification disabled',
  category: 'D08',
  severity: 'high',
  subject: 'build',
  targets: ['dockerfile'],
  threats: [8],
  cis: [],
  related: {
    checkov: ['CKV2_DOCKER_7', 'CKV2_DOCKER_8', 'CKV2_DOCKER_9', 'CKV2_DOCKER_10', 'CKV2_DOCKER_11'],
  },
  rationale:
    "Package managers check each package against the distribution's signing keys, so that a mirror, a proxy or anyone on the network cannot slip in a modified package. Turning that check off — for one install or for a whole repository — installs whatever arrives as if the distribution had built it, with root rights, into every image built from the Dockerfile.",
  remediation:
    'Remove the option and import the repository\'s signing key instead, pinned by fingerprint:\n  RUN curl -fsSLo /etc/apt/keyrings/example.asc https://packages.example.com/key.asc \\\n   && echo "deb [signed-by=/etc/apt/keyrings/example.asc] https://packages.example.com/apt stable main" > /etc/apt/sources.list.d/example.list\nFor yum/dnf set `gpgcheck=1` with `gpgkey=`; for apk add the repository\'s key to /etc/apk/keys; for Go keep GOSUMDB on and list private modules in GOPRIVATE.',
  references: [
    'https://wiki.debian.org/DebianRepository/UseThirdParty',
    'https://wiki.alpinelinux.org/wiki/Alpine_Package_Keeper',
    'https://go.dev/ref/mod#checksum-database',
  ],
  examples: [
    {
      target: 'dockerfile',
      bad: 'FROM alpine:3.22\nCOPY vendor-tool.apk /tmp/\nRUN apk add --no-cache --allow-untrusted /tmp/vendor-tool.apk\n',
      good: 'FROM alpine:3.22\nCOPY vendor.rsa.pub /etc/apk/keys/\nCOPY vendor-tool.apk /tmp/\nRUN apk add --no-cache /tmp/vendor-tool.apk\n',
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
      violations.push({
        message: `${detection.keyword} in ${where} of ${spec.path} turns package signature checks off (${detection.reasons.join(', ')}): a tampered package would be installed as genuine`,
        location: detection.at,
        evidence: detection.evidence,
      });
    }
    return violations;
  },
});
