// Certificates for the admission tests: a CA and a server certificate it signs for 127.0.0.1 and
// localhost (test/tls-certificates.ts), the CA's certificate read for clients to trust.
import { readFileSync } from 'node:fs';
import { makeTestPki } from '../tls-certificates.js';

export interface TestCertificates {
  /** The CA's certificate (PEM) a client trusts. */
  ca: Buffer;
  /** Paths of the server's certificate and key. */
  cert: string;
  key: string;
}

/** Makes `<dir>/ca.pem`, `<dir>/server-cert.pem` and `<dir>/server-key.pem`, the CA named `name`. */
export function makeCertificates(dir: string, name = 'dt10 test CA'): TestCertificates {
  const pki = makeTestPki(dir, { name });
  return { ca: readFileSync(pki.ca), cert: pki.cert, key: pki.key };
}
