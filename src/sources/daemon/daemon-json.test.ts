import { describe, expect, it } from 'vitest';
import { DaemonJsonError, loadDaemonJson } from './daemon-json.js';

const load = (text: string) => loadDaemonJson(text, 'daemon.json');
const at = (line: number, column: number) => ({ path: 'daemon.json', line, column });

describe('loadDaemonJson', () => {
  it('reads every modelled setting at its key, list items at the item', () => {
    const text = `{
  "userns-remap": "default",
  "icc": false,
  "iptables": true,
  "userland-proxy": false,
  "live-restore": true,
  "no-new-privileges": true,
  "seccomp-profile": "/etc/docker/seccomp.json",
  "hosts": ["unix:///var/run/docker.sock", "tcp://0.0.0.0:2376"],
  "tls": true,
  "tlsverify": true,
  "tlscacert": "/etc/docker/ca.pem",
  "tlscert": "/etc/docker/cert.pem",
  "tlskey": "/etc/docker/key.pem",
  "insecure-registries": [
    "registry.local:5000"
  ],
  "registry-mirrors": ["https://mirror.example.com"],
  "log-driver": "json-file",
  "log-opts": { "max-size": "10m", "max-file": 3 },
  "log-level": "info",
  "debug": false,
  "experimental": false,
  "authorization-plugins": ["opa-docker-authz"],
  "storage-driver": "overlay2",
  "default-ulimits": { "nofile": { "Name": "nofile", "Hard": 2048, "Soft": 1024 } },
  "selinux-enabled": true,
  "bridge": "none",
  "features": { "buildkit": true }
}
`;
    const { config, warnings, knownKeys } = load(text);
    expect(warnings).toEqual([]);
    expect(knownKeys).toBe(26);
    expect(config).toMatchObject({
      kind: 'engine-config',
      origin: 'daemon-json',
      unsetMeansDefault: true,
      at: at(1, 1),
      usernsRemap: { value: 'default', at: at(2, 3) },
      icc: { value: false, at: at(3, 3) },
      iptables: { value: true, at: at(4, 3) },
      userlandProxy: { value: false, at: at(5, 3) },
      liveRestore: { value: true, at: at(6, 3) },
      noNewPrivileges: { value: true, at: at(7, 3) },
      seccompProfile: { value: '/etc/docker/seccomp.json', at: at(8, 3) },
      hosts: [
        { value: 'unix:///var/run/docker.sock', at: at(9, 13) },
        { value: 'tcp://0.0.0.0:2376', at: at(9, 44) },
      ],
      tls: { value: true },
      tlsVerify: { value: true, at: at(11, 3) },
      tlsCaCert: { value: '/etc/docker/ca.pem' },
      tlsCert: { value: '/etc/docker/cert.pem' },
      tlsKey: { value: '/etc/docker/key.pem' },
      insecureRegistries: [{ value: 'registry.local:5000', at: at(16, 5) }],
      registryMirrors: [{ value: 'https://mirror.example.com' }],
      logDriver: { value: 'json-file', at: at(19, 3) },
      logOpts: { 'max-size': { value: '10m', at: at(20, 17) }, 'max-file': { value: '3', at: at(20, 36) } },
      logLevel: { value: 'info' },
      debug: { value: false },
      experimental: { value: false },
      authorizationPlugins: [{ value: 'opa-docker-authz' }],
      storageDriver: { value: 'overlay2', at: at(25, 3) },
      defaultUlimits: { nofile: { value: '1024:2048' } },
      selinuxEnabled: { value: true },
      bridge: { value: 'none' },
    });
    expect(config.settings.features).toEqual(at(29, 3));
    expect(config.settings.icc).toEqual(at(3, 3));
  });

  it('leaves what the file does not mention undefined, and lists empty', () => {
    const { config } = load('{}');
    expect(config.icc).toBeUndefined();
    expect(config.logDriver).toBeUndefined();
    expect(config.hosts).toEqual([]);
    expect(config.at).toEqual(at(1, 1));
  });

  it('reads an empty or blank file as an empty configuration, as dockerd does', () => {
    expect(load('').config.hosts).toEqual([]);
    expect(load('  \n\n').config.settings).toEqual({});
  });

  it('counts lines after a byte order mark and with CRLF or tab indentation', () => {
    const { config } = load(
      '\uFEFF{\r\n\t"icc": true,\r\n\t"hosts": [\r\n\t\t"tcp://0.0.0.0:2375"\r\n\t]\r\n}\r\n',
    );
    expect(config.icc).toEqual({ value: true, at: at(2, 2) });
    expect(config.hosts).toEqual([{ value: 'tcp://0.0.0.0:2375', at: at(4, 3) }]);
  });

  it('takes the last of repeated keys, as JSON parsers do', () => {
    const { config } = load('{\n  "icc": true,\n  "icc": false\n}');
    expect(config.icc).toEqual({ value: false, at: at(3, 3) });
  });

  it('warns about values of the wrong type and leaves them unknown', () => {
    const { config, warnings } = load(
      '{\n  "icc": "maybe",\n  "hosts": "tcp://x:1",\n  "log-opts": ["a"],\n  "insecure-registries": [{"a": 1}, "ok:5000"],\n  "log-level": {}\n}',
    );
    expect(config.icc).toBeUndefined();
    expect(config.hosts).toEqual([]);
    expect(config.logLevel).toBeUndefined();
    expect(config.insecureRegistries.map((r) => r.value)).toEqual(['ok:5000']);
    expect(warnings.map((w) => [w.line, w.message])).toEqual([
      [2, '"icc" must be true or false, not "maybe": left unknown'],
      [3, '"hosts" must be a list: left unknown'],
      [4, '"log-opts" must be an object: left unknown'],
      [5, '"insecure-registries": an item must be a string, not an object: skipped'],
      [6, '"log-level" must be a string, not an object: left unknown'],
    ]);
  });

  it.each([
    ['{\n  "icc": false,\n}\n', 3, 1],
    ['{\n  icc: false\n}', 2, 3],
    ['{\n  "icc": false // no comments in JSON\n}', 2, 16],
    ['{\n  "icc": false\n', 3, 1],
    ['{"a": 1} {"b": 2}', 1, 10],
  ])('rejects malformed JSON with its line: %j', (text, line, column) => {
    let caught: unknown;
    try {
      load(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DaemonJsonError);
    expect(caught).toMatchObject({ line, column, message: expect.stringMatching(/^invalid JSON: /) });
  });

  it.each(['[]', '"text"', 'null', '42'])('rejects a top level that is not an object: %s', (text) => {
    expect(() => load(text)).toThrow('the top level must be a JSON object');
  });
});
