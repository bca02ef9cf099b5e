import { describe, expect, it } from 'vitest';
import {
  isPlaceholder,
  isSecretName,
  judgeAssignment,
  mask,
  maskSecretsIn,
  secretFormat,
} from './secrets.js';

describe('isSecretName', () => {
  it.each([
    'DB_PASSWORD',
    'password',
    'apiKey',
    'API_KEY',
    'GITHUB_TOKEN',
    'AWS_SECRET_ACCESS_KEY',
    'client-secret',
    'SSH_PRIVATE_KEY',
    'MYSQL_ROOT_PASSWORD',
  ])('takes %s for a secret', (name) => expect(isSecretName(name)).toBe(true));
  it.each([
    'PASSWORD_FILE',
    'TOKEN_URL',
    'DB_USER',
    'AUTHOR',
    'KEYBOARD',
    'PATH',
    'NODE_ENV',
    'secret_name',
    'PASSWORD_MIN_LENGTH',
    'TOKENIZER',
  ])('does not take %s for a secret', (name) => expect(isSecretName(name)).toBe(false));
});

describe('isPlaceholder', () => {
  it.each([
    '',
    '  ',
    '${DB_PASSWORD}',
    '$TOKEN',
    '${A}${B}',
    '{{ .Values.token }}',
    '<password>',
    'changeme',
    'CHANGEME',
    'xxxx',
    '***',
    'your_token_here',
  ])('takes %j for a placeholder', (value) => expect(isPlaceholder(value)).toBe(true));
  it.each(['hunter2hunter2', 's3cr3t-Pa55', 'prefix-${TOKEN}'])(
    'does not take %j for a placeholder',
    (value) => expect(isPlaceholder(value)).toBe(false),
  );
});

describe('secretFormat', () => {
  it.each([
    ['-----BEGIN RSA PRIVATE KEY-----\nMIIE', 'private key'],
    ['-----BEGIN OPENSSH PRIVATE KEY-----', 'private key'],
    ['AKIAIOSFODNN7EXAMPLE', 'AWS access key'],
    [`ghp_${'a'.repeat(36)}`, 'GitHub token'],
    ['glpat-abcdefghij0123456789', 'GitLab token'],
    ['xoxb-1234567890-abcdefghij', 'Slack token'],
    ['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', 'JWT'],
    ['https://deploy:s3cretPass@git.example.com/repo.git', 'credentials in a URL'],
  ])('finds %j as a %s', (text, kind) => expect(secretFormat(text)).toBe(kind));

  it('does not take a reference in a URL for credentials', () => {
    expect(secretFormat('https://deploy:${GIT_PASSWORD}@git.example.com/repo.git')).toBeUndefined();
    expect(secretFormat('https://git.example.com/repo.git')).toBeUndefined();
  });
});

describe('judgeAssignment', () => {
  it('reports a secret name with a real value, and a secret value under any name', () => {
    expect(judgeAssignment('DB_PASSWORD', 'hunter2hunter2')?.reason).toContain('DB_PASSWORD');
    expect(judgeAssignment('SETTING', 'AKIAIOSFODNN7EXAMPLE')?.reason).toContain('AWS access key');
    expect(judgeAssignment('SESSION', 'q8Zr2LmX9vT4kP7wN3bY6cJ1')?.reason).toContain('random');
  });
  it('accepts placeholders, references and ordinary settings', () => {
    expect(judgeAssignment('DB_PASSWORD', '${DB_PASSWORD}')).toBeUndefined();
    expect(judgeAssignment('DB_PASSWORD', undefined)).toBeUndefined();
    expect(judgeAssignment('DB_PASSWORD_FILE', '/run/secrets/db')).toBeUndefined();
    expect(judgeAssignment('NODE_ENV', 'production')).toBeUndefined();
    expect(judgeAssignment('IMAGE_DIGEST', 'sha256:0123456789abcdef')).toBeUndefined();
  });
});

describe('mask', () => {
  it('shows at most the first two and last two characters', () => {
    expect(mask('hunter2hunter2')).toBe('hu****r2');
    expect(mask('short')).toBe('****');
  });

  it('masks every secret in a text, by format and by name', () => {
    const text =
      'curl -u admin:x --password=hunter2hunter2 https://bot:s3cretPass@example.com AKIAIOSFODNN7EXAMPLE';
    const masked = maskSecretsIn(text);
    expect(masked).not.toContain('hunter2hunter2');
    expect(masked).not.toContain('s3cretPass');
    expect(masked).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(masked).toContain('password=hu****r2');
  });
});

describe('looksRandom', () => {
  it('does not take JVM or other command-line options for tokens', () => {
    expect(judgeAssignment('JAVA_OPTS', '-XX:MaxRAMPercentage=75.0 -Xss512k')).toBeUndefined();
    expect(judgeAssignment('JAVA_TOOL_OPTIONS', '-XX:+UseContainerSupport9')).toBeUndefined();
  });
});
