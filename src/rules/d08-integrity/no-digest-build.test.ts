import { describe, expect, it } from 'vitest';
import { findingsFor, TEST_SETTINGS, testRule } from '../../../test/rule-tester.js';
import rule from './no-digest-build.js';

const df = (...lines: string[]): string => `${lines.join('\n')}\n`;
const DIGEST = 'sha256:0d4c8b1e6f3a92c57e1b0a8d4f6c3e29b7a5d1c0e8f4b2a6d9c3e7f1a5b8d2c4';

testRule(rule, {
  dockerfile: {
    accept: [
      {
        name: 'COPY --from a stage index and from an image pinned by digest',
        code: 'FROM alpine:3.22@sha256:0d4c8b1e6f3a92c57e1b0a8d4f6c3e29b7a5d1c0e8f4b2a6d9c3e7f1a5b8d2c4\nFROM alpine:3.22@sha256:0d4c8b1e6f3a92c57e1b0a8d4f6c3e29b7a5d1c0e8f4b2a6d9c3e7f1a5b8d2c4\nCOPY --from=0 /a /a\nCOPY --from=busybox:1.37@sha256:0d4c8b1e6f3a92c57e1b0a8d4f6c3e29b7a5d1c0e8f4b2a6d9c3e7f1a5b8d2c4 /bin/busybox /bin/\n',
      },
      { name: 'a tag and a digest', code: df(`FROM node:24-slim@${DIGEST}`) },
      {
        name: 'RUN --mount from a stage and from an image pinned by digest',
        code: df(
          `FROM golang:1.24@${DIGEST} AS build`,
          `FROM alpine:3.22@${DIGEST}`,
          'RUN --mount=type=bind,from=build,source=/go/bin,target=/x cp /x/app /app',
          `RUN --mount=type=bind,from=busybox:1.37@${DIGEST},source=/bin,target=/b true`,
        ),
      },
      { name: 'a digest alone', code: df(`FROM node@${DIGEST}`) },
      { name: 'scratch', code: df('FROM scratch') },
      { name: 'a stage reference', code: df(`FROM node:24-slim@${DIGEST} AS base`, 'FROM base') },
      { name: 'an ARG without a default', code: df('ARG BASE', 'FROM ${BASE}') },
      {
        name: 'a digest from an ARG default',
        code: df(`ARG NODE_DIGEST=${DIGEST}`, 'FROM node:24-slim@${NODE_DIGEST}'),
      },
      {
        name: 'lower-case',
        code: df(
          `from node:24-slim@${DIGEST} as build`,
          `from gcr.io/distroless/nodejs24-debian12:nonroot@${DIGEST}`,
        ),
      },
    ],
    reject: [
      {
        name: 'COPY --from an image without a digest',
        code: 'FROM alpine:3.22@sha256:0d4c8b1e6f3a92c57e1b0a8d4f6c3e29b7a5d1c0e8f4b2a6d9c3e7f1a5b8d2c4\nCOPY --from=ghcr.io/acme/tools:1.2 /usr/bin/tool /usr/bin/tool\n',
        lines: [2],
        messageIncludes: 'copies from image ghcr.io/acme/tools:1.2 without a digest',
      },
      {
        name: 'RUN --mount from an image without a digest (cache mounts too)',
        code: df(
          `FROM alpine:3.22@${DIGEST}`,
          'RUN --mount=type=bind,from=ghcr.io/acme/tools:1.2,source=/bin/tool,target=/t /t',
          'RUN --mount=type=cache,target=/root/.cache,from="ghcr.io/acme/cache:2" true',
        ),
        lines: [2, 3],
        messageIncludes: 'mounts files from image ghcr.io/acme/',
      },
      {
        name: 'a tag without a digest',
        code: df('FROM node:24-slim'),
        lines: [1],
        messageIncludes: 'without a digest',
        severity: 'low',
      },
      { name: 'no tag at all', code: df('FROM node'), lines: [1] },
      { name: 'a registry with a port', code: df('FROM registry.example.com:5000/team/app:1.4'), lines: [1] },
      {
        name: 'an ARG-built tag',
        code: df('ARG V=24', 'FROM node:${V}-slim'),
        lines: [2],
        messageIncludes: 'node:24-slim',
      },
      {
        name: 'every stage with an image',
        code: df(
          'FROM golang:1.26 AS build',
          `FROM alpine:3.22@${DIGEST}`,
          'FROM build AS again',
          'FROM debian:13-slim',
        ),
        lines: [1, 4],
      },
    ],
  },
});

describe('D08.no-digest: severity from the settings', () => {
  it('takes noDigestSeverity', async () => {
    const findings = await findingsFor(rule, 'dockerfile', df('FROM node:24-slim'), {
      ...TEST_SETTINGS,
      noDigestSeverity: 'medium',
    });
    expect(findings.map((f) => f.severity)).toEqual(['medium']);
  });
});
