// Test certificates made by openssl: a CA, a server certificate it signs for 127.0.0.1 and localhost, and
// optionally a client certificate. EC P-256 keys: made in milliseconds, and Go's crypto/tls (dockerd) reads
// the PKCS#8 PEM openssl 3 writes. Used by the TLS test engine and the admission webhook's tests.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TestPki {
  /** Paths in `dir`: the CA's certificate, and the server's certificate and key. */
  ca: string;
  cert: string;
  key: string;
}

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

const EXTENSIONS = {
  ca: 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n',
  server:
    'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n' +
    'extendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n',
  client: 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\n',
};

function openssl(args: string[]): void {
  const run = spawnSync('openssl', args, { encoding: 'utf8' });
  if (run.error) throw new Error(`openssl is needed (apt-get install openssl): ${run.error.message}`);
  if (run.status !== 0) throw new Error(`openssl ${args.slice(0, 2).join(' ')} failed: ${run.stderr}`);
}

/**
 * Makes `ca.pem`, `server-cert.pem` and `server-key.pem` in `dir` (the CA named `name`); with `client`,
 * also a client certificate and key at those paths.
 */
export function makeTestPki(
  dir: string,
  options: { name?: string; client?: { cert: string; key: string } } = {},
): TestPki {
  mkdirSync(dir, { recursive: true });
  const file = (base: string): string => join(dir, base);
  for (const [kind, text] of Object.entries(EXTENSIONS)) writeFileSync(file(`${kind}.ext`), text);
  const request = (key: string, csr: string, subject: string): void =>
    openssl(['req', ...EC_KEY, '-keyout', key, '-out', csr, '-subj', subject]);
  const sign = (csr: string, ext: string, out: string): void =>
    openssl(
      [
        'x509',
        '-req',
        '-in',
        csr,
        '-CA',
        file('ca.pem'),
        '-CAkey',
        file('ca-key.pem'),
        '-CAcreateserial',
      ].concat(['-days', '2', '-extfile', ext, '-out', out]),
    );
  request(file('ca-key.pem'), file('ca.csr'), `/CN=${options.name ?? 'dt10 test CA'}`);
  openssl(
    ['x509', '-req', '-in', file('ca.csr'), '-signkey', file('ca-key.pem'), '-days', '2'].concat([
      '-extfile',
      file('ca.ext'),
      '-out',
      file('ca.pem'),
    ]),
  );
  request(file('server-key.pem'), file('server.csr'), '/CN=localhost');
  sign(file('server.csr'), file('server.ext'), file('server-cert.pem'));
  if (options.client) {
    request(options.client.key, file('client.csr'), '/CN=dt10-client');
    sign(file('client.csr'), file('client.ext'), options.client.cert);
  }
  return { ca: file('ca.pem'), cert: file('server-cert.pem'), key: file('server-key.pem') };
}
