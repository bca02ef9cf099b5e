import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../core/settings.js';
import {
  findingsFor,
  imageFindingsFor,
  TEST_SETTINGS,
  testImageRule,
  testRule,
} from '../../../test/rule-tester.js';
import type { ImageSpec } from '../../subjects/index.js';
import rule, { imageReference, isAllowed } from './untrusted-registry-build.js';

const df = (...lines: string[]): string => `${lines.join('\n')}\n`;

// TEST_SETTINGS allows registry.example.com.
testRule(rule, {
  dockerfile: {
    accept: [
      { name: 'an allowed registry', code: df('FROM registry.example.com/mirror/node:24-slim') },
      { name: 'scratch', code: df('FROM scratch') },
      { name: 'a stage reference', code: df('FROM registry.example.com/base:1 AS base', 'FROM base') },
      { name: 'an ARG without a default', code: df('ARG BASE', 'FROM $BASE') },
      {
        name: 'an allowed registry from an ARG default',
        code: df('ARG REGISTRY=registry.example.com', 'FROM ${REGISTRY}/node:24'),
      },
      { name: 'lower-case', code: df('from registry.example.com/node:24 as build', 'from scratch') },
      {
        name: 'COPY --from and RUN --mount from allowed images and stages',
        code: df(
          'FROM registry.example.com/go:1.24 AS build',
          'FROM registry.example.com/base:1',
          'COPY --from=build /app /app',
          'COPY --from=registry.example.com/tools:1 /bin/t /bin/t',
          'RUN --mount=type=bind,from=registry.example.com/tools:1,target=/t /t/check',
        ),
      },
    ],
    reject: [
      {
        name: 'Docker Hub',
        code: df('FROM node:24-slim'),
        lines: [1],
        messageIncludes: 'from docker.io, which is not in the allowed registries (registry.example.com)',
        severity: 'medium',
      },
      { name: 'another registry', code: df('FROM quay.io/someone/tool:1'), lines: [1] },
      {
        name: 'COPY --from and RUN --mount from images elsewhere',
        code: df(
          'FROM registry.example.com/base:1',
          'COPY --from=quay.io/someone/tool:1 /bin/t /bin/t',
          'RUN --mount=type=bind,from=ghcr.io/acme/tools:1,target=/t /t/check',
        ),
        lines: [2, 3],
        messageIncludes: 'which is not in the allowed registries',
      },
      { name: 'a look-alike host', code: df('FROM registry.example.com.evil.test/node:24'), lines: [1] },
      {
        name: 'every stage',
        code: df('FROM golang:1.26 AS build', 'FROM registry.example.com/base:1', 'FROM ghcr.io/acme/app:2'),
        lines: [1, 3],
      },
    ],
  },
});

describe('D05.untrusted-registry (build)', () => {
  it('is off without an allow-list', async () => {
    expect(
      await findingsFor(rule, 'dockerfile', df('FROM quay.io/someone/tool:1'), DEFAULT_SETTINGS),
    ).toEqual([]);
  });

  it('reports everything with an empty allow-list', async () => {
    const findings = await findingsFor(rule, 'dockerfile', df('FROM node:24'), {
      ...TEST_SETTINGS,
      allowedRegistries: [],
    });
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining('allowed registries (none)')]);
  });

  it('matches registries, paths in them and domains', () => {
    const ref = (registry: string, repository: string) => ({
      raw: '',
      registry,
      repository,
      unresolved: false,
    });
    expect(isAllowed(ref('docker.io', 'library/node'), ['docker.io'])).toBe(true);
    expect(isAllowed(ref('docker.io', 'library/node'), ['index.docker.io'])).toBe(true);
    expect(isAllowed(ref('docker.io', 'library/node'), ['docker.io/library'])).toBe(true);
    expect(isAllowed(ref('docker.io', 'someone/node'), ['docker.io/library'])).toBe(false);
    expect(isAllowed(ref('ghcr.io', 'acme/app'), ['https://ghcr.io/acme/'])).toBe(true);
    expect(isAllowed(ref('ghcr.io', 'acmecorp/app'), ['ghcr.io/acme'])).toBe(false);
    expect(isAllowed(ref('eu.registry.example.com', 'app'), ['*.example.com'])).toBe(true);
    expect(isAllowed(ref('example.com', 'app'), ['*.example.com'])).toBe(false);
    expect(isAllowed(ref('registry.example.com:5000', 'app'), ['registry.example.com'])).toBe(false);
  });
});

testImageRule(rule, {
  accept: [
    { name: 'an allowed registry', code: 'repoTags: ["registry.example.com/shop/app:1.0"]' },
    { name: 'an OCI layout named in an allowed registry', code: 'format: oci-layout' },
    { name: 'an archive without a name: nothing to judge', code: 'repoTags: []' },
    {
      name: 'a digest-only name in an allowed registry',
      code: 'repoTags: ["registry.example.com/app@sha256:' + 'a'.repeat(64) + '"]',
    },
  ],
  reject: [
    {
      name: 'another registry',
      code: 'repoTags: ["quay.io/someone/app:1.0"]',
      objects: ['image'],
      messageIncludes:
        'is named quay.io/someone/app:1.0, from quay.io, which is not in the allowed registries (registry.example.com)',
      severity: 'medium',
    },
    {
      name: 'a name without a registry is Docker Hub',
      code: 'repoTags: ["app:dev"]',
      objects: ['image'],
      messageIncludes: 'from docker.io (a name without a registry is a Docker Hub name)',
    },
    {
      name: 'a look-alike host',
      code: 'repoTags: ["registry.example.com.evil.test/app:1"]',
      objects: ['image'],
    },
  ],
});

describe('D05.untrusted-registry (image)', () => {
  it('is off without an allow-list', async () => {
    expect(await imageFindingsFor(rule, 'repoTags: ["quay.io/someone/app:1.0"]', DEFAULT_SETTINGS)).toEqual(
      [],
    );
  });

  it('reads the registry from the reference, then a registry digest; an OCI ref name that is only a tag names none', () => {
    const image = (fields: Partial<ImageSpec>): ImageSpec =>
      ({ format: 'docker-archive', ...fields }) as ImageSpec;
    const digest = `sha256:${'b'.repeat(64)}`;
    expect(imageReference(image({ reference: 'ghcr.io/acme/app:2' }))?.registry).toBe('ghcr.io');
    expect(imageReference(image({ reference: 'nginx:1.27' }))?.repository).toBe('library/nginx');
    expect(imageReference(image({ format: 'oci-layout', reference: '1.0' }))).toBeUndefined();
    expect(
      imageReference(
        image({ format: 'oci-layout', reference: 'latest', repoDigests: [`quay.io/a/b@${digest}`] }),
      )?.registry,
    ).toBe('quay.io');
    expect(imageReference(image({ reference: 'registry.example.com/${TAG}' }))).toBeUndefined();
    expect(imageReference(image({}))).toBeUndefined();
  });
});
