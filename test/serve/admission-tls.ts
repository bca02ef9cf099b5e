// Certificates for the admission tests and benchmark: a CA and a server certificate it signs for 127.0.0.1
// and localhost, made by openssl (as test/engine/dockerd.ts makes the TLS engine's). EC keys: made in
// milliseconds.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TestCertificates {
  /** The CA's certificate (PEM) a client trusts. */
  ca: Buffer;
  /** Paths of the server's certificate and key. */
  cert: string;
  key: string;
}

function openssl(args: string[]): void {
  const run = spawnSync('openssl', args, { encoding: 'utf8' });
  if (run.status !== 0)
    throw new Error(`openssl ${args.slice(0, 2).join(' ')} failed: ${run.stderr || run.error?.message}`);
}

/** Makes `<dir>/ca.pem`, `<dir>/server-cert.pem` and `<dir>/server-key.pem`, the CA named `name`. */
export function makeCertificates(dir: string, name = 'dt10 test CA'): TestCertificates {
  mkdirSync(dir, { recursive: true });
  const file = (base: string): string => join(dir, base);
  const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  writeFileSync(
    file('ca.ext'),
    'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n',
  );
  writeFileSync(
    file('server.ext'),
    'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n' +
      'extendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n',
  );
  openssl(['req', ...ecKey, '-keyout', file('ca-key.pem'), '-out', file('ca.csr'), '-subj', `/CN=${name}`]);
  openssl(
    ['x509', '-req', '-in', file('ca.csr'), '-signkey', file('ca-key.pem'), '-days', '2'].concat([
      '-extfile',
      file('ca.ext'),
      '-out',
      file('ca.pem'),
    ]),
  );
  openssl([
    'req',
    ...ecKey,
    '-keyout',
    file('server-key.pem'),
    '-out',
    file('server.csr'),
    '-subj',
    '/CN=localhost',
  ]);
  openssl([
    'x509',
    '-req',
    '-in',
    file('server.csr'),
    '-CA',
    file('ca.pem'),
    '-CAkey',
    file('ca-key.pem'),
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    file('server.ext'),
    '-out',
    file('server-cert.pem'),
  ]);
  return { ca: readFileSync(file('ca.pem')), cert: file('server-cert.pem'), key: file('server-key.pem') };
}
