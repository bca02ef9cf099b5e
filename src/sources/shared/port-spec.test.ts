import { describe, expect, it } from 'vitest';
import { parsePortSpec } from './port-spec.js';

describe('parsePortSpec', () => {
  it.each([
    ['80', { containerPort: '80', protocol: 'tcp' }],
    ['3000', { containerPort: '3000', protocol: 'tcp' }],
    ['8080:80', { hostPort: '8080', containerPort: '80', protocol: 'tcp' }],
    ['8080:80/udp', { hostPort: '8080', containerPort: '80', protocol: 'udp' }],
    ['53:53/UDP', { hostPort: '53', containerPort: '53', protocol: 'udp' }],
    ['127.0.0.1:8080:80', { hostIp: '127.0.0.1', hostPort: '8080', containerPort: '80', protocol: 'tcp' }],
    ['127.0.0.1::80', { hostIp: '127.0.0.1', containerPort: '80', protocol: 'tcp' }],
    ['0.0.0.0:443:443/tcp', { hostIp: '0.0.0.0', hostPort: '443', containerPort: '443', protocol: 'tcp' }],
    ['8000-8010:8000-8010', { hostPort: '8000-8010', containerPort: '8000-8010', protocol: 'tcp' }],
    ['9090-9091:8080-8081/udp', { hostPort: '9090-9091', containerPort: '8080-8081', protocol: 'udp' }],
    ['3000-3005', { containerPort: '3000-3005', protocol: 'tcp' }],
    ['[::1]:80:80', { hostIp: '::1', hostPort: '80', containerPort: '80', protocol: 'tcp' }],
    ['[::]:8080:80/tcp', { hostIp: '::', hostPort: '8080', containerPort: '80', protocol: 'tcp' }],
    ['[::1]::80', { hostIp: '::1', containerPort: '80', protocol: 'tcp' }],
    ['::1:8080:80', { hostIp: '::1', hostPort: '8080', containerPort: '80', protocol: 'tcp' }],
    [':80', { containerPort: '80', protocol: 'tcp' }],
    ['80/', { containerPort: '80', protocol: 'tcp' }],
    [' 8080:80 ', { hostPort: '8080', containerPort: '80', protocol: 'tcp' }],
  ])('%s', (text, expected) => {
    expect(parsePortSpec(text)).toEqual(expected);
  });

  it('publishes a bare container port on an ephemeral port of every interface', () => {
    const spec = parsePortSpec('3000');
    expect(spec?.hostIp).toBeUndefined();
    expect(spec?.hostPort).toBeUndefined();
  });

  it('rejects text with no container port', () => {
    expect(parsePortSpec('')).toBeUndefined();
    expect(parsePortSpec('   ')).toBeUndefined();
    expect(parsePortSpec('8080:')).toBeUndefined();
    expect(parsePortSpec('[::1')).toBeUndefined();
    expect(parsePortSpec('/tcp')).toBeUndefined();
  });
});
