import { describe, expect, it } from 'vitest';
import {
  findingsFor,
  imageFindingsFor,
  TEST_SETTINGS,
  testImageRule,
  testRule,
} from '../../../test/rule-tester.js';
import type { ImageRef } from '../../subjects/image-ref.js';
import { imageCycles } from './base-image-cycle.js';
import rule from './base-image-eol.js';
import table from './data/base-image-eol.json' with { type: 'json' };

const df = (...lines: string[]): string => `${lines.join('\n')}\n`;

// TEST_NOW is 2026-11-01.
testRule(rule, {
  dockerfile: {
    accept: [
      { name: 'a supported Node.js', code: df('FROM node:24-alpine') },
      { name: 'a supported Python', code: df('FROM python:3.13-slim') },
      { name: 'Debian 12 during Debian LTS', code: df('FROM debian:bookworm-slim') },
      { name: 'Debian 13 by number', code: df('FROM debian:13') },
      { name: 'Ubuntu 24.04', code: df('FROM ubuntu:24.04') },
      { name: 'Ubuntu noble by codename', code: df('FROM ubuntu:noble-20250101') },
      { name: 'Alpine 3.22 with a patch version', code: df('FROM alpine:3.22.1') },
      { name: 'an unknown image', code: df('FROM registry.example.com/app/base:1') },
      { name: 'latest: what it names moves', code: df('FROM node') },
      { name: 'a tag that names no version', code: df('FROM debian:stable-slim') },
      { name: 'a major-only Python tag', code: df('FROM python:3') },
      {
        name: 'a digest without a tag',
        code: df('FROM node@sha256:0d4c8b1e6f3a92c57e1b0a8d4f6c3e29b7a5d1c0e8f4b2a6d9c3e7f1a5b8d2c4'),
      },
      { name: 'scratch', code: df('FROM scratch') },
      { name: 'an ARG without a default', code: df('ARG NODE_VERSION', 'FROM node:${NODE_VERSION}') },
      { name: 'Go with no end announced', code: df('FROM golang:1.26-alpine3.22') },
      { name: 'a stage reference', code: df('FROM node:24-slim AS base', 'FROM base') },
      { name: 'a supported dotnet runtime', code: df('FROM mcr.microsoft.com/dotnet/aspnet:10.0') },
      { name: 'UBI 9', code: df('FROM registry.access.redhat.com/ubi9/ubi-minimal:9.6') },
    ],
    reject: [
      {
        name: 'node:16-alpine',
        code: df('FROM node:16-alpine'),
        lines: [1],
        messageIncludes: 'Node.js 16 reached end of life on 2023-09-11',
        severity: 'high',
      },
      {
        name: 'python:3.8-slim',
        code: df('FROM python:3.8-slim'),
        lines: [1],
        messageIncludes: 'Python 3.8 reached end of life on 2024-10-07',
      },
      {
        name: 'debian:buster',
        code: df('FROM debian:buster'),
        lines: [1],
        messageIncludes: 'Debian 10 (Buster)',
      },
      { name: 'debian:10', code: df('FROM debian:10'), lines: [1], messageIncludes: 'Debian 10 (Buster)' },
      {
        name: 'debian:11 after Debian LTS',
        code: df('FROM debian:bullseye-slim'),
        lines: [1],
        messageIncludes: '2026-08-31',
      },
      { name: 'ubuntu:18.04', code: df('FROM ubuntu:18.04'), lines: [1], messageIncludes: 'Ubuntu 18.04' },
      {
        name: 'ubuntu:bionic',
        code: df('FROM ubuntu:bionic-20230530'),
        lines: [1],
        messageIncludes: 'Ubuntu 18.04',
      },
      { name: 'a non-LTS Ubuntu', code: df('FROM ubuntu:25.04'), lines: [1] },
      { name: 'alpine:3.15', code: df('FROM alpine:3.15'), lines: [1], messageIncludes: 'Alpine Linux 3.15' },
      {
        name: 'alpine on its last day',
        code: df('FROM alpine:3.21'),
        lines: [1],
        messageIncludes: '2026-11-01',
      },
      { name: 'centos:7', code: df('FROM centos:7'), lines: [1], messageIncludes: 'CentOS 7' },
      {
        name: 'centos:centos8',
        code: df('FROM centos:centos8.4.2105'),
        lines: [1],
        messageIncludes: 'CentOS 8',
      },
      { name: 'a CentOS 7 on quay.io', code: df('FROM quay.io/centos/centos:centos7'), lines: [1] },
      { name: 'fedora:38', code: df('FROM fedora:38'), lines: [1] },
      {
        name: 'amazonlinux:2',
        code: df('FROM amazonlinux:2.0.20240131.0'),
        lines: [1],
        messageIncludes: 'Amazon Linux 2',
      },
      { name: 'ruby:2.7', code: df('FROM ruby:2.7-alpine'), lines: [1] },
      { name: 'php:7.4-fpm', code: df('FROM php:7.4-fpm'), lines: [1] },
      { name: 'openjdk:11', code: df('FROM openjdk:11-jdk-slim'), lines: [1] },
      {
        name: 'dotnet 6',
        code: df('FROM mcr.microsoft.com/dotnet/aspnet:6.0'),
        lines: [1],
        messageIncludes: '.NET 6',
      },
      { name: 'UBI 7', code: df('FROM registry.access.redhat.com/ubi7/ubi:7.9'), lines: [1] },
      {
        name: 'a supported language on an ended distribution',
        code: df('FROM node:22-buster-slim'),
        lines: [1],
        messageIncludes: 'Debian 10 (Buster)',
      },
      {
        name: 'an ended language on an ended Alpine: both named',
        code: df('FROM python:3.7-alpine3.15'),
        lines: [1],
        messageIncludes: 'Python 3.7 reached end of life on 2023-06-27, and Alpine Linux 3.15',
      },
      {
        name: 'a mirror of the official library',
        code: df('FROM public.ecr.aws/docker/library/node:14'),
        lines: [1],
      },
      {
        name: 'a tag built from an ARG default',
        code: df('ARG NODE_VERSION=16', 'FROM node:${NODE_VERSION}-alpine'),
        lines: [2],
        messageIncludes: 'node:16-alpine',
      },
      {
        name: 'a build stage: medium',
        code: df(
          'FROM golang:1.19 AS build',
          'RUN go build -o /app',
          'FROM gcr.io/distroless/static:nonroot',
          'COPY --from=build /app /app',
        ),
        lines: [1],
        severity: 'medium',
        messageIncludes: 'stage "build"',
      },
      {
        name: 'the base of the final stage through a stage chain: high',
        code: df('FROM python:3.8 AS base', 'RUN pip install flask', 'FROM base', 'COPY app.py /app/'),
        lines: [1],
        severity: 'high',
      },
      {
        name: 'every stage judged',
        code: df(
          'FROM node:16 AS build',
          'RUN npm ci',
          'FROM debian:buster-slim',
          'COPY --from=build /app /app',
        ),
        lines: [1, 3],
      },
      {
        name: 'a lower-case FROM with a platform',
        code: df('from --platform=$BUILDPLATFORM node:12 as build', 'from scratch'),
        lines: [1],
      },
      {
        name: 'a digest does not change the release',
        code: df(
          'FROM debian:buster-slim@sha256:0d4c8b1e6f3a92c57e1b0a8d4f6c3e29b7a5d1c0e8f4b2a6d9c3e7f1a5b8d2c4',
        ),
        lines: [1],
      },
    ],
  },
});

const ref = (raw: string, registry: string, repository: string, tag?: string): ImageRef => ({
  raw,
  registry,
  repository,
  unresolved: false,
  ...(tag === undefined ? {} : { tag }),
});

describe('eolWarningDays', () => {
  const warn = { ...TEST_SETTINGS, eolWarningDays: 90 };

  it('warns (low) about a final-stage base that ends within the window, and not outside it', async () => {
    const findings = await findingsFor(rule, 'dockerfile', df('FROM php:8.2-apache'), warn);
    expect(findings.map((f) => [f.severity, f.message])).toEqual([
      ['low', expect.stringContaining('PHP 8.2 reaches end of life on 2026-12-31 (in 60 days)')],
    ]);
    expect(await findingsFor(rule, 'dockerfile', df('FROM node:22-slim'), warn)).toEqual([]);
  });

  it('is info for a build stage, and off by default', async () => {
    const code = df('FROM php:8.2-cli AS build', 'FROM scratch');
    expect((await findingsFor(rule, 'dockerfile', code, warn)).map((f) => f.severity)).toEqual(['info']);
    expect(await findingsFor(rule, 'dockerfile', code, TEST_SETTINGS)).toEqual([]);
  });
});

describe('imageCycles', () => {
  it('maps tags to release cycles', () => {
    const cycles = (repository: string, tag: string): string[] =>
      imageCycles(ref(`${repository}:${tag}`, 'docker.io', `library/${repository}`, tag)).map(
        (c) => `${c.product} ${c.release}`,
      );
    expect(cycles('node', '16-alpine')).toEqual(['Node.js 16']);
    expect(cycles('python', '3.10.4-slim-bookworm')).toEqual(['Python 3.10', 'Debian 12 (Bookworm)']);
    expect(cycles('eclipse-temurin', '17-jre-jammy')).toEqual([
      'Eclipse Temurin 17',
      'Ubuntu 22.04 (Jammy Jellyfish)',
    ]);
    expect(cycles('eclipse-temurin', '11.0.20_8-jdk')).toEqual(['Eclipse Temurin 11']);
    expect(cycles('amazoncorretto', '17-al2023')).toEqual(['Amazon Corretto 17', 'Amazon Linux 2023']);
    expect(cycles('amazonlinux', '2023')).toEqual(['Amazon Linux 2023']);
    expect(cycles('amazonlinux', '2018.03')).toEqual(['Amazon Linux 2018.03']);
    expect(cycles('alpine', '3.1')).toEqual(['Alpine Linux 3.1']);
    expect(cycles('alpine', '3.10')).toEqual(['Alpine Linux 3.10']);
    expect(cycles('golang', '1')).toEqual([]);
    expect(cycles('debian', 'sid')).toEqual([]);
    expect(cycles('nginx', '1.20')).toEqual([]);
  });

  it('knows nothing of an unresolved reference or one without a tag', () => {
    expect(
      imageCycles({ ...ref('node:${V}', 'docker.io', 'library/node', '${V}'), unresolved: true }),
    ).toEqual([]);
    expect(imageCycles(ref('node', 'docker.io', 'library/node'))).toEqual([]);
  });
});

describe('data/base-image-eol.json', () => {
  it('names its source and snapshot date, and holds the distributions and runtimes base images use', () => {
    expect(table.source).toMatch(/endoflife\.date/);
    expect(table.snapshot).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Object.keys(table.products)).toEqual(
      expect.arrayContaining([
        'debian',
        'ubuntu',
        'alpine-linux',
        'centos',
        'nodejs',
        'python',
        'go',
        'eclipse-temurin',
      ]),
    );
  });
});

const osRelease = (fields: string): string => `layers:\n  - /etc/os-release: "${fields}"\n`;

testImageRule(rule, {
  accept: [
    { name: 'Debian 13', code: osRelease('ID=debian\\nVERSION_ID=\\"13\\"\\nVERSION_CODENAME=trixie\\n') },
    { name: 'Alpine 3.22 with a patch version', code: osRelease('ID=alpine\\nVERSION_ID=3.22.1\\n') },
    {
      name: 'Alpine edge: no release to end',
      code: osRelease('ID=alpine\\nVERSION_ID=3.23_alpha20250108\\n'),
    },
    { name: 'a distribution the table does not know', code: osRelease('ID=wolfi\\nVERSION_ID=20230201\\n') },
    { name: 'no release file at all (scratch)', code: 'layers:\n  - /app: "binary"\n' },
    {
      name: 'Debian testing by /etc/debian_version',
      code: 'layers:\n  - /etc/debian_version: "trixie/sid\\n"\n',
    },
    {
      name: 'an ended release whose os-release a later layer deleted',
      code: 'layers:\n  - /etc/os-release: "ID=debian\\nVERSION_ID=10\\n"\n  - /etc/os-release: { deleted: true }\n',
    },
    {
      name: 'a supported Node.js in the config',
      code:
        'config: { Env: ["NODE_VERSION=24.4.1", "PATH=/usr/bin"] }\n' +
        osRelease('ID=debian\\nVERSION_ID=12\\n'),
    },
    { name: 'Go with no end announced', code: 'config: { Env: ["GOLANG_VERSION=1.26.1"] }' },
  ],
  reject: [
    {
      name: 'Debian 10 by /etc/os-release',
      code: osRelease('PRETTY_NAME=\\"Debian GNU/Linux 10 (buster)\\"\\nID=debian\\nVERSION_ID=\\"10\\"\\n'),
      objects: ['file /etc/os-release'],
      messageIncludes:
        'Debian GNU/Linux 10 (buster) (/etc/os-release): Debian 10 (Buster) reached end of life on 2024-06-30',
      severity: 'high',
    },
    {
      name: 'Debian 11 after Debian LTS, by codename only',
      code: osRelease('ID=debian\\nVERSION_CODENAME=bullseye\\n'),
      objects: ['file /etc/os-release'],
      messageIncludes: '2026-08-31',
    },
    {
      name: 'Ubuntu 18.04',
      code: osRelease('ID=ubuntu\\nVERSION_ID=\\"18.04\\"\\n'),
      objects: ['file /etc/os-release'],
      messageIncludes: 'Ubuntu 18.04',
    },
    {
      name: '/etc/os-release linking to /usr/lib/os-release',
      code: 'layers:\n  - /usr/lib/os-release: "ID=\\"centos\\"\\nNAME=\\"CentOS Linux\\"\\nVERSION_ID=\\"7\\"\\n"\n    /etc/os-release: { type: symlink, target: ../usr/lib/os-release }\n',
      objects: ['file /etc/os-release'],
      messageIncludes: 'CentOS 7',
    },
    {
      name: 'CentOS Stream is not CentOS Linux',
      code: osRelease('NAME=\\"CentOS Stream\\"\\nID=\\"centos\\"\\nVERSION_ID=\\"8\\"\\n'),
      objects: ['file /etc/os-release'],
      messageIncludes: 'CentOS Stream 8 reached end of life on 2024-05-31',
    },
    {
      name: 'only /usr/lib/os-release',
      code: 'layers:\n  - /usr/lib/os-release: "ID=fedora\\nVERSION_ID=38\\n"\n',
      objects: ['file /usr/lib/os-release'],
      messageIncludes: 'Fedora Linux 38',
    },
    {
      name: 'no os-release: /etc/alpine-release',
      code: 'layers:\n  - /etc/alpine-release: "3.15.11\\n"\n',
      objects: ['file /etc/alpine-release'],
      messageIncludes: 'Alpine Linux 3.15',
    },
    {
      name: 'no os-release: /etc/debian_version',
      code: 'layers:\n  - /etc/debian_version: "10.13\\n"\n',
      objects: ['file /etc/debian_version'],
      messageIncludes: 'Debian 10 (Buster)',
    },
    {
      name: 'no os-release: /etc/redhat-release',
      code: 'layers:\n  - /etc/redhat-release: "CentOS Linux release 7.9.2009 (Core)\\n"\n',
      objects: ['file /etc/redhat-release'],
      messageIncludes: 'CentOS 7',
    },
    {
      name: 'an ended Python on a supported Debian: the config variable',
      code:
        'config: { Env: ["PATH=/usr/local/bin", "PYTHON_VERSION=3.8.18"] }\n' +
        osRelease('ID=debian\\nVERSION_ID=12\\n'),
      objects: ['config Config.Env[1]'],
      messageIncludes:
        'Python 3.8.18 (PYTHON_VERSION in its config): Python 3.8 reached end of life on 2024-10-07',
    },
    {
      name: 'an ended Node.js on an ended Debian: both',
      code: 'config: { Env: ["NODE_VERSION=16.20.2"] }\n' + osRelease('ID=debian\\nVERSION_ID=10\\n'),
      objects: ['file /etc/os-release', 'config Config.Env[0]'],
    },
  ],
});

describe('eolWarningDays (image)', () => {
  const fedora43 = osRelease('ID=fedora\\nVERSION_ID=43\\n');

  it('warns (low) about a release that ends within the window, and not by default', async () => {
    const findings = await imageFindingsFor(rule, fedora43, { ...TEST_SETTINGS, eolWarningDays: 90 });
    expect(findings.map((f) => [f.severity, f.message])).toEqual([
      ['low', expect.stringContaining('Fedora Linux 43 reaches end of life on 2026-12-09 (in 38 days)')],
    ]);
    expect(await imageFindingsFor(rule, fedora43, TEST_SETTINGS)).toEqual([]);
    expect(await imageFindingsFor(rule, fedora43, { ...TEST_SETTINGS, eolWarningDays: 30 })).toEqual([]);
  });
});
