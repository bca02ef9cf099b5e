import { describe, expect, it } from 'vitest';
import { imageFindingsFor, testImageRule, testRule } from '../../../test/rule-tester.js';
import rule from './package-cache.js';

const df = (...lines: string[]): string => `${lines.join('\n')}\n`;

testRule(rule, {
  dockerfile: {
    accept: [
      {
        name: 'apt lists removed in the same RUN',
        code: df(
          'FROM debian:13-slim',
          'RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
        ),
      },
      { name: 'apk add --no-cache', code: df('FROM alpine:3.22', 'RUN apk add --no-cache curl') },
      {
        name: 'apk --no-cache before the action',
        code: df('FROM alpine:3.22', 'RUN apk --no-cache add curl'),
      },
      {
        name: 'apk cache removed',
        code: df('FROM alpine:3.22', 'RUN apk update && apk add curl && rm -rf /var/cache/apk/*'),
      },
      {
        name: 'apk del needs no cache flag',
        code: df('FROM alpine:3.22', 'RUN apk add --no-cache --virtual .b gcc && apk del .b'),
      },
      { name: 'yum clean all', code: df('FROM rockylinux:9', 'RUN yum install -y curl && yum clean all') },
      { name: 'dnf clean all', code: df('FROM fedora:44', 'RUN dnf install -y curl && dnf clean all') },
      {
        name: 'microdnf clean all',
        code: df(
          'FROM registry.access.redhat.com/ubi9/ubi-minimal',
          'RUN microdnf install -y curl && microdnf clean all',
        ),
      },
      {
        name: 'the dnf cache removed',
        code: df('FROM fedora:44', 'RUN dnf install -y curl && rm -rf /var/cache/dnf'),
      },
      {
        name: 'zypper clean',
        code: df('FROM opensuse/leap:16.0', 'RUN zypper -n install curl && zypper clean --all'),
      },
      {
        name: 'cache mounts over the apt directories',
        code: df(
          'FROM debian:13-slim',
          'RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\',
          '    --mount=type=cache,target=/var/lib/apt,sharing=locked \\',
          '    apt-get update && apt-get install -y --no-install-recommends curl',
        ),
      },
      {
        name: 'a cache mount for apk',
        code: df('FROM alpine:3.22', 'RUN --mount=type=cache,target=/var/cache/apk apk add curl'),
      },
      {
        name: 'only in a build stage',
        code: df(
          'FROM debian:13 AS build',
          'RUN apt-get update && apt-get install -y gcc',
          'FROM gcr.io/distroless/base:nonroot',
        ),
      },
      {
        name: 'a heredoc that cleans up',
        code: df(
          'FROM debian:13-slim',
          'RUN <<EOF',
          'apt-get update',
          'apt-get install -y curl',
          'rm -rf /var/lib/apt/lists/*',
          'EOF',
        ),
      },
      {
        name: 'find -delete',
        code: df(
          'FROM debian:13-slim',
          'RUN apt-get update && apt-get install -y curl && find /var/lib/apt/lists -type f -delete',
        ),
      },
    ],
    reject: [
      {
        name: 'apt-get install without removing the lists',
        code: df(
          'FROM debian:13-slim',
          'RUN apt-get update && apt-get install -y --no-install-recommends curl',
        ),
        lines: [2],
        messageIncludes: 'leaves /var/lib/apt/lists',
        severity: 'low',
      },
      {
        name: 'apt-get clean is not enough',
        code: df('FROM debian:13-slim', 'RUN apt-get update && apt-get install -y curl && apt-get clean'),
        lines: [2],
      },
      {
        name: 'a later RUN that removes the lists does not help',
        code: df(
          'FROM debian:13-slim',
          'RUN apt-get update && apt-get install -y curl',
          'RUN rm -rf /var/lib/apt/lists/*',
        ),
        lines: [2],
      },
      {
        name: 'apk add without --no-cache',
        code: df('FROM alpine:3.22', 'RUN apk add curl'),
        lines: [2],
        messageIncludes: '/var/cache/apk',
      },
      { name: 'apk update alone', code: df('FROM alpine:3.22', 'RUN apk update'), lines: [2] },
      {
        name: 'yum without clean',
        code: df('FROM rockylinux:9', 'RUN yum install -y curl'),
        lines: [2],
        messageIncludes: 'yum clean all',
      },
      {
        name: 'dnf clean packages is not all',
        code: df('FROM fedora:44', 'RUN dnf install -y curl && dnf clean packages'),
        lines: [2],
      },
      {
        name: 'zypper without clean',
        code: df('FROM opensuse/leap:16.0', 'RUN zypper -n in curl'),
        lines: [2],
      },
      {
        name: 'a cache mount elsewhere does not count',
        code: df(
          'FROM debian:13-slim',
          'RUN --mount=type=cache,target=/root/.npm apt-get update && apt-get install -y curl',
        ),
        lines: [2],
      },
      {
        name: 'two managers, one cleaned',
        code: df(
          'FROM debian:13-slim',
          'RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/* && apk add jq',
        ),
        lines: [2],
        messageIncludes: 'leaves /var/cache/apk',
      },
      {
        name: 'lower-case with a continuation',
        code: df('from debian:13-slim', 'run apt-get update \\', '  && apt-get install -y curl'),
        lines: [2],
      },
      {
        name: 'a heredoc without cleanup',
        code: df('FROM debian:13-slim', 'RUN <<EOF', 'apt-get update', 'apt-get install -y curl', 'EOF'),
        lines: [2],
      },
      {
        name: 'in a stage the final stage is built FROM',
        code: df('FROM alpine:3.22 AS base', 'RUN apk add curl', 'FROM base', 'RUN apk add --no-cache jq'),
        lines: [2],
      },
    ],
  },
});

const layers = (...files: string[]): string => `layers:\n  - ${files.join('\n    ')}\n`;

testImageRule(rule, {
  accept: [
    {
      name: 'empty apt lists: the lock and partial/',
      code: layers(
        '/var/lib/apt/lists/lock: ""',
        '/var/lib/apt/lists/partial: { type: directory }',
        '/var/cache/apt/archives/lock: ""',
      ),
    },
    { name: 'empty files in the apk cache', code: layers('/var/cache/apk/.keep: ""') },
    { name: 'other files in /var/cache/apt', code: layers('/var/cache/apt/archives/partial/notes.txt: "x"') },
    { name: 'another tool cache', code: layers('/root/.cache/helm/repository/index.yaml: "apiVersion: v1"') },
    {
      name: 'a path that only ends like a cache',
      code: layers('/opt/app/var/cache/apk/APKINDEX.tar.gz: "x"'),
    },
    {
      name: 'lists removed by a later layer and replaced by nothing but the lock',
      code: 'layers:\n  - /var/lib/apt/lists/lock: ""\n',
    },
  ],
  reject: [
    {
      name: 'apt lists left',
      code: layers(
        '/var/lib/apt/lists/deb.debian.org_debian_dists_trixie_InRelease: { size: 2048 }',
        '/var/lib/apt/lists/lock: ""',
      ),
      objects: ['file /var/lib/apt/lists'],
      messageIncludes:
        'keeps the apt package lists in /var/lib/apt/lists: 1 file, 2.0 KiB (layer 0): end the RUN',
      severity: 'low',
    },
    {
      name: 'downloaded .deb files and the lists: one finding per directory',
      code: layers(
        '/var/cache/apt/archives/curl_8.14.1-2_amd64.deb: { size: 300 }',
        '/var/cache/apt/archives/partial/jq_1.7.1-6_amd64.deb: { size: 100 }',
        '/var/lib/apt/lists/deb.debian.org_debian_dists_trixie_main_binary-amd64_Packages.lz4: { size: 100 }',
      ),
      objects: ['file /var/cache/apt/archives', 'file /var/lib/apt/lists'],
    },
    {
      name: "apt's pkgcache.bin",
      code: layers('/var/cache/apt/pkgcache.bin: { size: 100 }'),
      objects: ['file /var/cache/apt'],
      messageIncludes: "apt's package cache",
    },
    {
      name: 'the apk cache',
      code: layers('/var/cache/apk/APKINDEX.5022a8a2.tar.gz: { size: 100 }'),
      objects: ['file /var/cache/apk'],
      messageIncludes: 'apk add --no-cache',
    },
    {
      name: 'the dnf cache',
      code: layers('/var/cache/dnf/fedora-1234/repodata/primary.xml.zst: { size: 100 }'),
      objects: ['file /var/cache/dnf'],
      messageIncludes: 'dnf clean all',
    },
    {
      name: 'pip caches of root and of a user',
      code: layers(
        '/root/.cache/pip/http-v2/a/b/c: { size: 10 }',
        '/home/app/.cache/pip/wheels/x.whl: { size: 10 }',
      ),
      objects: ['file /home/app/.cache/pip', 'file /root/.cache/pip'],
      messageIncludes: '--no-cache-dir',
    },
    {
      name: 'the npm cache',
      code: layers('/root/.npm/_cacache/content-v2/sha512/ab/cd: { size: 10 }'),
      objects: ['file /root/.npm/_cacache'],
    },
    {
      name: 'lists a later layer removed still ship in the layer that added them',
      code: 'layers:\n  - /var/lib/apt/lists/x_InRelease: { size: 1024 }\n  - /var/lib/apt/lists/x_InRelease: { deleted: true }\n',
      objects: ['file /var/lib/apt/lists'],
      messageIncludes: 'although a later layer removed it: 1 file, 1.0 KiB (layer 0)',
    },
  ],
});

describe('D04.package-cache (image): counts, sizes and layers', () => {
  it('adds up the files of a directory across layers, present and removed', async () => {
    const findings = await imageFindingsFor(
      rule,
      'layers:\n  - /var/cache/apk/a.apk: { size: 1024 }\n    /var/cache/apk/b.apk: { size: 1024 }\n' +
        '  - /var/cache/apk/c.apk: { size: 2048 }\n    /var/cache/apk/a.apk: { deleted: true }\n',
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toMatch(
      / keeps the apk cache in \/var\/cache\/apk: 2 files, 3\.0 KiB \(layers 0, 1\), and ships 1 file, 1\.0 KiB \(layer 0\) of it that a later layer removed: use `apk add --no-cache`$/,
    );
    expect(findings[0]!.evidence).toBe('/var/cache/apk/b.apk, /var/cache/apk/c.apk, /var/cache/apk/a.apk');
  });
});
