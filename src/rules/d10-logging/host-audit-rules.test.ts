import { describe, expect, it } from 'vitest';
import { hostFindingsFor } from '../../../test/host-tester.js';
import rule from './host-audit-rules.js';

const DOCKER = {
  '/usr/bin/dockerd': '',
  '/usr/bin/runc': '',
  '/etc/docker/daemon.json': '{}\n',
  '/var/lib/docker/.keep': '',
  '/lib/systemd/system/docker.service': '[Service]\n',
};
const CIS_RULES = [
  '-w /usr/bin/dockerd -p rwxa -k docker',
  '-w /usr/bin/runc -p wa -k docker',
  '-w /etc/docker -p wa -k docker',
  '-w /var/lib/docker/ -p wa -k docker',
  '-a always,exit -F path=/lib/systemd/system/docker.service -F perm=wa -F key=docker',
].join('\n');
const stat = (pid: number, name: string) =>
  `${pid} (${name}) S 1 ${pid} ${pid} 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 500\n`;

describe('D10.auditd-rules-missing', () => {
  it('accepts watches on every Docker path (a directory watch covers what is under it)', async () => {
    expect(
      await hostFindingsFor(rule, { ...DOCKER, '/etc/audit/rules.d/docker.rules': `${CIS_RULES}\n` }),
    ).toEqual([]);
    expect(
      await hostFindingsFor(rule, { ...DOCKER, '/etc/audit/audit.rules': `-D\n${CIS_RULES}\n` }),
    ).toEqual([]);
  });
  it('does not judge a host without Docker', async () => {
    expect(await hostFindingsFor(rule, { '/etc/audit/rules.d/x.rules': '-D\n' })).toEqual([]);
  });
  it('lists the unwatched paths with their CIS ids in one finding', async () => {
    const rules = CIS_RULES.replace(
      '-w /usr/bin/runc -p wa -k docker',
      '-w /usr/bin/runc -p r -k docker',
    ).replace(
      '-a always,exit -F path=/lib/systemd/system/docker.service -F perm=wa -F key=docker',
      '-a never,exit -F path=/lib/systemd/system/docker.service',
    );
    const findings = await hostFindingsFor(rule, {
      ...DOCKER,
      '/etc/audit/rules.d/docker.rules': `${rules}\n`,
    });
    expect(findings).toHaveLength(1);
    expect(findings[0]!.evidence).toBe(
      '/lib/systemd/system/docker.service (CIS 1.1.7), /usr/bin/runc (CIS 1.1.18)',
    );
    expect(findings[0]!.location).toMatchObject({ line: 1 });
  });
  it('a path= rule covers only that path', async () => {
    const findings = await hostFindingsFor(rule, {
      ...DOCKER,
      '/etc/audit/rules.d/docker.rules': `${CIS_RULES.replace('-w /etc/docker -p wa -k docker', '-a always,exit -F path=/etc/docker -k docker')}\n`,
    });
    expect(findings[0]!.evidence).toBe('/etc/docker/daemon.json (CIS 1.1.11)');
  });
  it('reports auditd not running once, whatever the rules', async () => {
    const findings = await hostFindingsFor(rule, {
      ...DOCKER,
      '/etc/audit/rules.d/docker.rules': '-w /etc/docker -k docker\n',
      '/proc/1/stat': stat(1, 'systemd'),
      '/proc/1/cmdline': '/sbin/init\0',
    });
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toContain('auditd is not running');
    expect(findings[0]!.message).toContain('4 of them have no audit rule');
  });
  it('accepts a running auditd with the rules', async () => {
    const findings = await hostFindingsFor(rule, {
      ...DOCKER,
      '/etc/audit/rules.d/docker.rules': `${CIS_RULES}\n`,
      '/proc/1/stat': stat(1, 'systemd'),
      '/proc/1/cmdline': '/sbin/init\0',
      '/proc/410/stat': stat(410, 'auditd'),
      '/proc/410/cmdline': '/sbin/auditd\0',
    });
    expect(findings).toEqual([]);
  });
});
