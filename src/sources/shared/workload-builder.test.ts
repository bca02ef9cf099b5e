import { describe, expect, it } from 'vitest';
import type { SourceLocation } from '../../core/location.js';
import { parseSecurityOpt } from './security-opt.js';
import { applySecurityOpt, newWorkload } from './workload-builder.js';

const at: SourceLocation = { path: 'compose.yaml', line: 3, column: 7 };

function withOptions(...options: string[]) {
  const workload = newWorkload('compose', 'web', 'service "web"', at, 'runtime-default');
  for (const value of options) applySecurityOpt(workload, { value, at });
  return workload;
}

describe('parseSecurityOpt', () => {
  it('splits at the first `:` or `=`', () => {
    expect(parseSecurityOpt('seccomp:unconfined')).toEqual({ key: 'seccomp', value: 'unconfined' });
    expect(parseSecurityOpt('seccomp=/p/profile.json')).toEqual({ key: 'seccomp', value: '/p/profile.json' });
    expect(parseSecurityOpt('label=type:spc_t')).toEqual({ key: 'label', value: 'type:spc_t' });
    expect(parseSecurityOpt(' No-New-Privileges ')).toEqual({ key: 'no-new-privileges', value: '' });
  });
});

describe('applySecurityOpt', () => {
  it('starts a workload with nothing set but the platform default', () => {
    const w = withOptions();
    expect(w).toMatchObject({
      kind: 'workload',
      origin: 'compose',
      capAdd: [],
      mounts: [],
      seccompWhenUnset: 'runtime-default',
    });
    expect(w.noNewPrivileges).toBeUndefined();
    expect(w.seccompProfile).toBeUndefined();
  });

  it('reads no-new-privileges as dockerd does', () => {
    for (const on of [
      'no-new-privileges',
      'no-new-privileges:true',
      'no-new-privileges=1',
      'no-new-privileges=TRUE',
    ])
      expect(withOptions(on).noNewPrivileges).toEqual({ value: true, at });
    for (const off of ['no-new-privileges:false', 'no-new-privileges=0', 'no-new-privileges=F'])
      expect(withOptions(off).noNewPrivileges).toEqual({ value: false, at });
    expect(withOptions('no-new-privileges=maybe').noNewPrivileges).toBeUndefined();
  });

  it('reads seccomp and AppArmor profiles', () => {
    expect(withOptions('seccomp=UNCONFINED').seccompProfile?.value).toBe('unconfined');
    expect(withOptions('seccomp:./profile.json').seccompProfile?.value).toBe('./profile.json');
    expect(withOptions('apparmor:unconfined').apparmorProfile?.value).toBe('unconfined');
    expect(withOptions('apparmor=docker-default').apparmorProfile?.value).toBe('docker-default');
  });

  it('reads SELinux labelling turned off', () => {
    expect(withOptions('label:disable').selinuxDisabled).toEqual({ value: true, at });
    expect(withOptions('label=type:spc_t').selinuxDisabled).toEqual({ value: true, at });
    expect(withOptions('label=level:s0:c100').selinuxDisabled).toBeUndefined();
  });

  it('ignores options it does not know', () => {
    const w = withOptions('systempaths=unconfined', '');
    expect(w.seccompProfile).toBeUndefined();
    expect(w.apparmorProfile).toBeUndefined();
  });
});
