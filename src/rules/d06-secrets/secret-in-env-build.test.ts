import { describe, expect, it } from 'vitest';
import { findingsFor, testRule } from '../../../test/rule-tester.js';
import rule from './secret-in-env-build.js';

const df = (...lines: string[]): string => `${lines.join('\n')}\n`;

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
