import { describe, expect, it } from 'vitest';
import { instructionEvidence, maskCommand, secretsInScript } from './command-secrets.js';

const reasons = (script: string): string[] => secretsInScript(script).map((s) => s.reason);

describe('secretsInScript', () => {
  it.each([
    ['tool --password=Tr0ub4dor-and-3', 'the --password option'],
    ['tool --api-key 4f9a7c1e2b8d6a3f0e5c', 'the --api-key option'],
    ['mysql -uroot -phunter2', 'mysql -p<password>'],
    ['docker login -u ci -p s3cr3tPassw0rd', 'docker -p'],
    ['curl -u ci:s3cr3tPassw0rd https://x', 'curl -u user:password'],
    ['curl -uci:s3cr3tPassw0rd https://x', 'curl -u user:password'],
    ['curl -H "Authorization: Bearer 4f9a7c1e2b8d" https://x', 'a literal "Authorization:" value'],
    ['git clone https://ci:4f9a7c1e2b8d@git.example.com/a.git', 'credentials in a URL'],
    ['curl "https://x.example.com/a?api_key=4f9a7c1e2b8d"', 'the api_key parameter of a URL'],
    ['NPM_TOKEN=4f9a7c1e2b8d npm publish', 'NPM_TOKEN='],
    ['echo "s3cr3tPassw0rd" | docker login --password-stdin', 'a literal piped into docker'],
    ['echo AKIAIOSFODNN7EXAMPLE > /tmp/key', 'an AWS access key'],
  ])('finds %s', (script, reason) => expect(reasons(script)).toContain(reason));

  it.each([
    'tool --password-file=/run/secrets/pw',
    'tool --password "$DB_PASSWORD"',
    'tool --password=${DB_PASSWORD}',
    'mysql -p"$(cat /run/secrets/pw)"',
    'curl -u "ci:${TOKEN}" https://x',
    'curl -H "Authorization: Bearer $TOKEN" https://x',
    'cat /run/secrets/pw | docker login --password-stdin -u ci registry.example.com',
    'docker build --secret id=npm,src=.npmrc .',
    'tool --no-password --ask-password',
    'sed -i "s/password=changeme//" /etc/app.conf',
    'PASSWORD_LENGTH=16 ./configure',
  ])('finds nothing in %s', (script) => expect(secretsInScript(script)).toEqual([]));
});

describe('maskCommand', () => {
  it('masks every value found, wherever it occurs and however it is quoted', () => {
    const masked = maskCommand(`tool --password='pa$$'"word-1234" && echo 'pa$$word-1234' > /tmp/x`);
    expect(masked).not.toContain('word-1234');
    expect(masked).not.toContain('pa$$');
  });

  it('masks a URL parameter as it is written, percent-encoding included', () => {
    expect(maskCommand('curl "https://x.example.com/a?token=abc%2Bdef%2F0123456"')).not.toContain(
      'def%2F0123',
    );
  });

  it('masks by format and by name too', () => {
    expect(maskCommand('echo AKIAIOSFODNN7EXAMPLE')).toBe('echo AK****LE');
    expect(maskCommand('mysql -uroot -phunter2')).toBe('mysql -uroot -p****');
  });
});

describe('instructionEvidence', () => {
  it('is masked, on one line and cut after masking', () => {
    expect(instructionEvidence('RUN', '<<EOF\ncurl -u ci:s3cr3tPassw0rd https://x\nEOF')).toBe(
      'RUN <<EOF ⏎ curl -u ci:s3****rd https://x ⏎ EOF',
    );
    const long = instructionEvidence('RUN', `echo ${'x'.repeat(300)}`);
    expect(long.length).toBeLessThanOrEqual(164);
    expect(long.endsWith('…')).toBe(true);
  });
});
