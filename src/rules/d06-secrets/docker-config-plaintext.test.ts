import { describe, expect, it } from 'vitest';
import { hostFindingsFor } from '../../../test/host-tester.js';
import rule from './docker-config-plaintext.js';

const SECRET = 'ZGVwbG95OnMzY3JldC1wYXNzd29yZA==';
const PASSWD = 'root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/bash\n';
const config = (body: object) => `${JSON.stringify(body, null, 2)}\n`;

describe('D06.docker-config-plaintext', () => {
  it('accepts helpers and empty auths entries', async () => {
    expect(
      await hostFindingsFor(rule, {
        '/etc/passwd': PASSWD,
        '/root/.docker/config.json': config({ auths: { 'registry.example.com': {} }, credsStore: 'pass' }),
        '/home/alice/.docker/config.json': config({ credHelpers: { 'ghcr.io': 'gh' } }),
      }),
    ).toEqual([]);
  });
  it('reports each plaintext entry at its line, masked, for every home', async () => {
    const findings = await hostFindingsFor(rule, {
      '/etc/passwd': PASSWD,
      '/home/alice/.docker/config.json': config({
        auths: {
          'registry.example.com': { auth: SECRET },
          'ghcr.io': { identitytoken: 'eyJhbGciOiJSUzI1NiJ9.payload' },
        },
      }),
    });
    expect(findings.map((f) => [f.location, f.evidence, f.severity])).toEqual([
      [expect.objectContaining({ line: 4 }), '"auth": "ZG****=="', 'high'],
      [expect.objectContaining({ line: 7 }), '"identitytoken": "ey****ad"', 'high'],
    ]);
    expect(findings[0]!.message).toContain(
      "alice's Docker config holds the credentials for registry.example.com",
    );
    expect(JSON.stringify(findings)).not.toContain(SECRET);
  });
  it('reports leftovers beside a helper as medium', async () => {
    const findings = await hostFindingsFor(rule, {
      '/root/.docker/config.json': config({
        auths: { 'registry.example.com': { auth: SECRET } },
        credsStore: 'pass',
      }),
    });
    expect(findings.map((f) => f.severity)).toEqual(['medium']);
  });
  it('ignores a config that is no JSON', async () => {
    expect(await hostFindingsFor(rule, { '/root/.docker/config.json': '{ not json' })).toEqual([]);
  });
});
