import { describe, expect, it } from 'vitest';
import { dockerdUnit, flagFindings, linesOf } from '../../../test/engine-tester.js';
import { testRule } from '../../../test/rule-tester.js';
import rule from './insecure-registry.js';

testRule(rule, {
  daemon: {
    accept: [
      { name: 'none', code: '{}' },
      { name: 'an empty list', code: '{\n  "insecure-registries": []\n}\n' },
      {
        name: 'loopback registries, insecure anyway',
        code: '{\n  "insecure-registries": ["127.0.0.1:5000", "localhost:5000", "127.0.0.0/8", "[::1]:5000"]\n}\n',
      },
      { name: 'https mirrors', code: '{\n  "registry-mirrors": ["https://mirror.example.com"]\n}\n' },
    ],
    reject: [
      {
        name: 'one finding per registry',
        code: '{\n  "insecure-registries": [\n    "registry.internal:5000",\n    "10.0.0.0/8"\n  ]\n}\n',
        lines: [3, 4],
        severity: 'high',
        messageIncludes: 'without TLS verification',
      },
      {
        name: 'every registry',
        code: '{\n  "insecure-registries": ["0.0.0.0/0"]\n}\n',
        lines: [2],
        messageIncludes: 'every registry',
      },
      {
        name: 'a plain HTTP mirror',
        code: '{\n  "registry-mirrors": [\n    "https://ok.example.com",\n    "http://mirror.internal"\n  ]\n}\n',
        lines: [4],
        messageIncludes: 'plain HTTP',
      },
    ],
  },
});

describe('D08.insecure-registry on dockerd flags', () => {
  it('rejects each --insecure-registry, at its flag', async () => {
    const findings = await flagFindings(
      rule,
      '[Service]\nExecStart=/usr/bin/dockerd \\\n  --insecure-registry registry.internal:5000 \\\n  --insecure-registry=10.0.0.0/8\n',
    );
    expect(linesOf(findings)).toEqual([3, 4]);
  });
  it('reads DOCKER_OPTS and accepts a loopback registry', async () => {
    expect(
      linesOf(await flagFindings(rule, 'DOCKER_OPTS="--insecure-registry reg:5000"\n', 'default/docker')),
    ).toEqual([1]);
    expect(await flagFindings(rule, dockerdUnit('--insecure-registry 127.0.0.1:5000'))).toEqual([]);
  });
});
