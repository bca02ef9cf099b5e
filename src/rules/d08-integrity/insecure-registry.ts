// D08: an insecure registry is pulled from over plain HTTP or unverified TLS: images can be swapped on the way.
import { defineRule } from '../../core/rule.js';
import { isLoopbackHost, splitHostPort } from '../shared/engine.js';

/** dockerd already treats registries on 127.0.0.0/8 as insecure: naming them changes nothing. */
function isLoopbackRegistry(entry: string): boolean {
  const bare = entry
    .trim()
    .replace(/^[a-z]+:\/\//i, '')
    .split('/');
  const [address, prefix] = [bare[0]!, bare[1]];
  if (prefix !== undefined && /^\d+$/.test(prefix))
    return /^127\./.test(address) && Number(prefix) >= 8 ? true : address === '::1' && prefix === '128';
  return isLoopbackHost(splitHostPort(address).host);
}

function isEverywhere(entry: string): boolean {
  return entry.trim() === '0.0.0.0/0' || entry.trim() === '::/0';
}

export default defineRule({
  id: 'D08.insecure-registry',
  title: 'Registry trusted without TLS',
  category: 'D08',
  severity: 'high',
  subject: 'engine-config',
  targets: ['daemon', 'engine'],
  threats: [8],
  cis: ['2.5'],
  related: { 'docker-bench-security': ['2.5'] },
  rationale:
    'The engine talks to an insecure registry over plain HTTP, or over TLS without checking the certificate: anyone on the network path can serve other images than the ones asked for, and read the credentials the engine sends. A mirror given as `http://` is the same for every image pulled through it. (Registries on 127.0.0.0/8 are treated as insecure by the engine anyway and are not reported.)',
  remediation:
    'Give the registry a certificate (a private CA is fine: put it in /etc/docker/certs.d/<registry>:<port>/ca.crt) and remove it from the insecure list; use https:// mirrors:\n  {\n    "insecure-registries": [],\n    "registry-mirrors": ["https://mirror.example.com"]\n  }',
  references: [
    'https://docs.docker.com/reference/cli/dockerd/#insecure-registries',
    'https://docs.docker.com/engine/security/certificates/',
  ],
  examples: [
    {
      target: 'daemon',
      bad: '{\n  "insecure-registries": ["registry.internal:5000"]\n}\n',
      good: '{\n  "insecure-registries": [],\n  "registry-mirrors": ["https://mirror.example.com"]\n}\n',
    },
  ],
  check(config) {
    const insecure = config.insecureRegistries.flatMap((registry) => {
      if (registry.value.trim() === '' || isLoopbackRegistry(registry.value)) return [];
      return [
        {
          message: isEverywhere(registry.value)
            ? `insecure-registries holds ${registry.value}: every registry is pulled from without TLS verification`
            : `insecure-registries holds ${registry.value}: images from it are pulled without TLS verification and can be replaced on the way`,
          location: registry.at,
          evidence: registry.value,
        },
      ];
    });
    const mirrors = config.registryMirrors.flatMap((mirror) => {
      if (!/^http:\/\//i.test(mirror.value.trim())) return [];
      return [
        {
          message: `registry mirror ${mirror.value} is plain HTTP: every image pulled through it can be replaced on the way`,
          location: mirror.at,
          evidence: mirror.value,
        },
      ];
    });
    return [...insecure, ...mirrors];
  },
});
