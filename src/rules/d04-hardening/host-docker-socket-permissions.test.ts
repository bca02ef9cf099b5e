import { createServer, type Server } from 'node:net';
import { chmod, chown, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, RuleSet } from '../../core/evaluator.js';
import { hostFindingsFor, hostRoot } from '../../../test/host-tester.js';
import { TEST_NOW, TEST_SETTINGS } from '../../../test/rule-tester.js';
import { readHost } from '../../sources/host/index.js';
import rule from './host-docker-socket-permissions.js';

const GROUP = 'root:x:0:\ndocker:x:999:\nstaff:x:50:\n';
const PASSWD = 'root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/bash\n';
const asRoot = process.getuid?.() === 0;

/**
 * Fixture files belong to whoever runs the tests, and the real-socket cases chown: they need root, as the
 * engine tests do. Never skipped: without root they fail saying so.
 */
function itAsRoot(name: string, test: () => Promise<void>): void {
  it(name, async () => {
    expect(asRoot, 'run the tests as root (as CI does): these chown fixture files').toBe(true);
    await test();
  });
}

/** A real listening socket at /run/docker.sock of a fixture root, with the owner and mode given. */
async function socketFindings(uid: number, gid: number, mode: number) {
  const root = await hostRoot({ '/etc/group': GROUP, '/etc/passwd': PASSWD, '/run/.keep': '' });
  const path = join(root, 'run/docker.sock');
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(path, resolve));
  try {
    await chown(path, uid, gid);
    await chmod(path, mode);
    const read = await readHost(root, { now: TEST_NOW });
    expect(read.host.access.dockerSockets?.[0]?.value).toMatchObject({ isSocket: true, mode });
    const { findings } = evaluate([read.host], new RuleSet([rule]), {
      now: TEST_NOW,
      settings: TEST_SETTINGS,
    });
    return findings;
  } finally {
    await new Promise((resolve) => server.close(resolve));
    await rm(root, { recursive: true, force: true });
  }
}

describe('D04.host-docker-socket-permissions', () => {
  // Fixture files belong to whoever runs the tests: these hold as root (as the engine tests need too).
  itAsRoot(
    'accepts root:root 660 and stricter (a fixture file, as dockerd leaves a stale path)',
    async () => {
      expect(await hostFindingsFor(rule, { '/run/docker.sock': { text: '', mode: 0o660 } })).toEqual([]);
      expect(await hostFindingsFor(rule, { '/run/docker.sock': { text: '', mode: 0o600 } })).toEqual([]);
    },
  );
  it('reports bits beyond 660 that grant no connection as low, at the socket', async () => {
    const findings = await hostFindingsFor(rule, { '/run/docker.sock': { text: '', mode: 0o644 } });
    expect(findings).toHaveLength(1);
    expect(findings[0]!.severity).toBe('low');
    expect(findings[0]!.location).toMatchObject({ line: 1 });
    expect(String((findings[0]!.location as { path: string }).path)).toMatch(/\/run\/docker\.sock$/);
  });
  it('finds the socket through /var/run → /run inside the root, once', async () => {
    const findings = await hostFindingsFor(rule, {
      '/var/run': { link: '/run' },
      '/run/docker.sock': { text: '', mode: 0o644 },
    });
    expect(findings).toHaveLength(1);
  });
  it('judges the unix:// socket daemon.json names', async () => {
    const findings = await hostFindingsFor(rule, {
      '/etc/docker/daemon.json': '{"hosts": ["unix:///srv/engine/docker.sock"]}\n',
      '/srv/engine/docker.sock': { text: '', mode: 0o604 },
    });
    expect(findings.map((f) => f.evidence)).toEqual([
      expect.stringMatching(/:0 0604 \/srv\/engine\/docker\.sock$/),
    ]);
  });
  itAsRoot('a real socket: root:docker 660 passes', async () => {
    expect(await socketFindings(0, 999, 0o660)).toEqual([]);
  });
  itAsRoot('a real socket: world-writable is critical', async () => {
    const findings = await socketFindings(0, 999, 0o666);
    expect(findings.map((f) => f.severity)).toEqual(['critical']);
    expect(findings[0]!.message).toContain('every local user may write to it');
  });
  itAsRoot('a real socket: another owner or group is high', async () => {
    const owner = await socketFindings(1000, 999, 0o660);
    expect(owner.map((f) => f.severity)).toEqual(['high']);
    expect(owner[0]!.message).toContain('belongs to alice, not root');
    const group = await socketFindings(0, 50, 0o660);
    expect(group[0]!.message).toContain('its group is staff, not docker');
  });
});
