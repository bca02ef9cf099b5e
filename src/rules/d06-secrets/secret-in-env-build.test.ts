import { describe, expect, it } from 'vitest';
import { findingsFor, imageFindingsFor, testImageRule, testRule } from '../../../test/rule-tester.js';
import rule from './secret-in-env-build.js';

const df = (...lines: string[]): string => `${lines.join('\n')}\n`;
/** An image whose Config.Env is `env` (JSON is YAML). */
const env = (...vars: string[]): string => JSON.stringify({ config: { Env: vars } });
const PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

testRule(rule, {
  dockerfile: {
    accept: [
      { name: 'an ARG without a default', code: df('FROM node:24-slim', 'ARG NPM_TOKEN') },
      { name: 'a reference', code: df('FROM node:24-slim', 'ARG NPM_TOKEN', 'ENV NPM_TOKEN=$NPM_TOKEN') },
      { name: 'a braced reference', code: df('FROM node:24-slim', 'ENV DB_PASSWORD=${DB_PASSWORD}') },
      {
        name: 'a file reference',
        code: df('FROM node:24-slim', 'ENV DB_PASSWORD_FILE=/run/secrets/db_password'),
      },
      { name: 'a placeholder', code: df('FROM node:24-slim', 'ENV API_KEY=changeme') },
      { name: 'an empty value', code: df('FROM node:24-slim', 'ENV SECRET_KEY=""') },
      {
        name: 'ordinary settings',
        code: df('FROM node:24-slim', 'ENV NODE_ENV=production PORT=8080 PATH=/app/bin:$PATH'),
      },
      { name: 'a token URL', code: df('FROM node:24-slim', 'ENV TOKEN_URL=https://auth.example.com/token') },
      {
        name: 'a URL with a password reference',
        code: df('FROM node:24-slim', 'ENV DATABASE_URL=postgres://app:${DB_PASSWORD}@db:5432/app'),
      },
      {
        name: 'a digest',
        code: df(
          'FROM node:24-slim',
          'ARG BASE_DIGEST=sha256:0d4c8b1e6f3a92c57e1b0a8d4f6c3e29b7a5d1c0e8f4b2a6d9c3e7f1a5b8d2c4',
        ),
      },
      { name: 'a global ARG without a default', code: df('ARG GITHUB_TOKEN', 'FROM node:24-slim') },
      {
        name: 'JVM options',
        code: df('FROM eclipse-temurin:21-jre', 'ENV JAVA_OPTS="-XX:MaxRAMPercentage=75 -Xss512k"'),
      },
      { name: 'node options', code: df('FROM node:24-slim', 'ENV NODE_OPTIONS=--max-old-space-size=1536') },
    ],
    reject: [
      {
        name: 'a password in ENV',
        code: df('FROM postgres:18', 'ENV POSTGRES_PASSWORD=Tr0ub4dor-and-3'),
        lines: [2],
        messageIncludes:
          'POSTGRES_PASSWORD (its name (POSTGRES_PASSWORD) says it holds a secret; value Tr****-3)',
        severity: 'high',
      },
      {
        name: 'a token in ARG',
        code: df('FROM node:24-slim', 'ARG NPM_TOKEN=npm_0123456789abcdefghijABCDEFGHIJ012345'),
        lines: [2],
        messageIncludes: 'recorded in the image history',
      },
      {
        name: 'a known format under an innocent name',
        code: df('FROM alpine:3.22', 'ENV SETTING=AKIAIOSFODNN7EXAMPLE'),
        lines: [2],
        messageIncludes: 'AWS access key',
      },
      {
        name: 'credentials in a URL',
        code: df('FROM node:24-slim', 'ENV DATABASE_URL=postgres://app:S3cretPassw0rd@db:5432/app'),
        lines: [2],
        messageIncludes: 'credentials in a URL',
      },
      {
        name: 'the legacy ENV form',
        code: df('FROM node:24-slim', 'ENV API_KEY sk_0123456789abcdef01234567'),
        lines: [2],
      },
      {
        name: 'a quoted value',
        code: df('FROM node:24-slim', 'ENV DB_PASSWORD="correct horse battery staple"'),
        lines: [2],
      },
      {
        name: 'two secrets on one line: one finding naming both',
        code: df('FROM node:24-slim', 'ENV DB_PASSWORD=hunter2hunter2 API_TOKEN=0a1b2c3d4e5f6a7b8c9d'),
        lines: [2],
        messageIncludes: 'DB_PASSWORD (',
      },
      {
        name: 'lower-case env',
        code: df('FROM node:24-slim', 'env client_secret=Zm9vYmFyYmF6cXV4'),
        lines: [2],
      },
      {
        name: 'a build stage: medium',
        code: df(
          'FROM node:24 AS build',
          'ARG GITHUB_TOKEN=ghp_0123456789abcdefghijklmnopqrstuvwxyz',
          'FROM node:24-slim',
        ),
        lines: [2],
        severity: 'medium',
        messageIncludes: 'does not reach the image',
      },
      {
        name: 'a global ARG redeclared in the final stage: high',
        code: df('ARG REGISTRY_PASSWORD=s3cr3t-Pa55word', 'FROM node:24-slim', 'ARG REGISTRY_PASSWORD'),
        lines: [1],
        severity: 'high',
        messageIncludes: 'the global ARGs',
      },
      {
        name: 'a global ARG only FROM uses: medium',
        code: df('ARG REGISTRY_PASSWORD=s3cr3t-Pa55word', 'FROM node:24-slim'),
        lines: [1],
        severity: 'medium',
      },
      {
        name: 'in a stage the final stage is built FROM',
        code: df('FROM node:24-slim AS base', 'ENV JWT_SECRET=4f9a7c1e2b8d6a3f0e5c', 'FROM base'),
        lines: [2],
        severity: 'high',
      },
      {
        name: 'a continuation',
        code: df('FROM node:24-slim', 'ENV A=1 \\', '    DB_PASSWORD=hunter2hunter2'),
        lines: [2],
      },
      {
        name: 'a reference to an ARG with a secret default carries the secret into ENV',
        code: df(
          'FROM node:24-slim',
          'ARG TOKEN=0a1b2c3d4e5f6a7b8c9d',
          'ENV URL=https://ci:${TOKEN}@git.example.com/repo.git',
        ),
        lines: [2, 3],
      },
    ],
  },
});

describe('D06.secret-in-env: masking', () => {
  it('never shows a value in full, in the message or the evidence', async () => {
    const secrets = ['Tr0ub4dor-and-3', 'AKIAIOSFODNN7EXAMPLE', 'S3cretPassw0rd', 'hunter2'];
    const findings = await findingsFor(
      rule,
      'dockerfile',
      df(
        'FROM node:24-slim',
        `ENV POSTGRES_PASSWORD=${secrets[0]}`,
        `ENV SETTING=${secrets[1]}`,
        `ENV DATABASE_URL=postgres://app:${secrets[2]}@db/app`,
        `ARG PASS=${secrets[3]}`,
      ),
    );
    expect(findings).toHaveLength(4);
    const text = JSON.stringify(findings);
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(findings[3]!.evidence).toBe('ARG PASS=****');
  });
});

testImageRule(rule, {
  accept: [
    { name: 'no environment', code: 'config: {}\n' },
    { name: 'PATH and versions', code: env(PATH, 'NODE_VERSION=24.1.0', 'LANG=C.UTF-8') },
    {
      name: 'checksums and key fingerprints of official images',
      code: env(
        'GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D',
        'PYTHON_SHA256=8fb5f9fbc7609fa822cb31549884575db7fd9657cbffb89510b5d7975963a83a',
      ),
    },
    { name: 'a file reference', code: env('DB_PASSWORD_FILE=/run/secrets/db_password') },
    { name: 'an empty value', code: env('DB_PASSWORD=', 'API_TOKEN') },
    { name: 'references and placeholders', code: env('DB_PASSWORD=${DB_PASSWORD}', 'API_KEY=changeme') },
    { name: 'an option list', code: env('JAVA_OPTS=-XX:MaxRAMPercentage=75 -Dfile.encoding=UTF-8') },
    { name: 'a URL without credentials', code: env('DATABASE_URL=postgres://db:5432/app') },
  ],
  reject: [
    {
      name: 'a password by its name',
      code: env(PATH, 'DB_PASSWORD=Tr0ub4dor-and-3'),
      objects: ['config Config.Env[1]'],
      messageIncludes: 'sets DB_PASSWORD in its Config.Env to a literal secret',
      severity: 'high',
    },
    {
      name: 'a value in a known format whatever its name',
      code: env('SETTING=AKIAIOSFODNN7EXAMPLE'),
      objects: ['config Config.Env[0]'],
      messageIncludes: 'AWS access key',
    },
    {
      name: 'credentials in a URL',
      code: env('DATABASE_URL=postgres://app:S3cretPassw0rd@db/app'),
      objects: ['config Config.Env[0]'],
      messageIncludes: 'credentials in a URL',
    },
    {
      name: 'every secret variable, in order',
      code: env('GITHUB_TOKEN=0a1b2c3d4e5f6a7b8c9d', PATH, 'MYSQL_ROOT_PASSWORD=hunter2hunter2'),
      objects: ['config Config.Env[0]', 'config Config.Env[2]'],
      messageIncludes: 'image example/image:1 (images/app.tar)',
    },
    {
      name: 'in an OCI layout',
      code: JSON.stringify({ config: { Env: ['API_KEY=4f9a7c1e2b8d6a3f0e5c9b7a'] }, format: 'oci-layout' }),
      objects: ['config Config.Env[0]'],
    },
  ],
});

describe('D06.secret-in-env: masking in images', () => {
  it('never shows a Config.Env value in full', async () => {
    const secrets = ['Tr0ub4dor-and-3', 'AKIAIOSFODNN7EXAMPLE', 'S3cretPassw0rd', 'hunter2'];
    const findings = await imageFindingsFor(
      rule,
      env(
        `POSTGRES_PASSWORD=${secrets[0]}`,
        `SETTING=${secrets[1]}`,
        `DATABASE_URL=postgres://app:${secrets[2]}@db/app`,
        `PASS=${secrets[3]}`,
      ),
    );
    expect(findings).toHaveLength(4);
    const text = JSON.stringify(findings);
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(findings[3]!.evidence).toBe('PASS=****');
  });
});
