import { testImageRule, testRule } from '../../../test/rule-tester.js';
import rule from './latest-tag-build.js';

const df = (...lines: string[]): string => `${lines.join('\n')}\n`;
const DIGEST = 'sha256:0d4c8b1e6f3a92c57e1b0a8d4f6c3e29b7a5d1c0e8f4b2a6d9c3e7f1a5b8d2c4';

testRule(rule, {
  dockerfile: {
    accept: [
      {
        name: 'COPY --from a stage, and from a tagged image',
        code: 'FROM alpine:3.22@sha256:0d4c8b1e6f3a92c57e1b0a8d4f6c3e29b7a5d1c0e8f4b2a6d9c3e7f1a5b8d2c4 AS tools\nFROM alpine:3.22@sha256:0d4c8b1e6f3a92c57e1b0a8d4f6c3e29b7a5d1c0e8f4b2a6d9c3e7f1a5b8d2c4\nCOPY --from=tools /a /a\nCOPY --from=busybox:1.37@sha256:0d4c8b1e6f3a92c57e1b0a8d4f6c3e29b7a5d1c0e8f4b2a6d9c3e7f1a5b8d2c4 /bin/busybox /bin/\n',
      },
      { name: 'a version tag', code: df('FROM node:24-slim') },
      { name: 'a registry with a port and a tag', code: df('FROM registry.example.com:5000/team/app:1.4') },
      { name: 'a digest without a tag', code: df(`FROM node@${DIGEST}`) },
      { name: 'latest pinned by a digest', code: df(`FROM node:latest@${DIGEST}`) },
      { name: 'scratch', code: df('FROM scratch') },
      { name: 'a stage reference', code: df('FROM node:24-slim AS base', 'FROM base') },
      {
        name: 'an ARG with a default tag',
        code: df('ARG NODE_VERSION=24', 'FROM node:${NODE_VERSION}-slim'),
      },
      {
        name: 'an ARG without a default: unknown',
        code: df('ARG NODE_VERSION', 'FROM node:${NODE_VERSION}'),
      },
      { name: 'a whole image from an ARG without a default', code: df('ARG BASE', 'FROM $BASE') },
    ],
    reject: [
      {
        name: 'COPY --from an untagged image',
        code: 'FROM alpine:3.22@sha256:0d4c8b1e6f3a92c57e1b0a8d4f6c3e29b7a5d1c0e8f4b2a6d9c3e7f1a5b8d2c4\nCOPY --from=busybox /bin/busybox /bin/busybox\n',
        lines: [2],
        messageIncludes: 'copies from image busybox, which has no tag',
      },
      {
        name: 'no tag',
        code: df('FROM node'),
        lines: [1],
        messageIncludes: 'which has no tag and means latest',
        severity: 'medium',
      },
      { name: 'latest', code: df('FROM node:latest'), lines: [1], messageIncludes: 'FROM node:latest' },
      {
        name: 'RUN --mount from an image at latest',
        code: df(
          'FROM alpine:3.22@sha256:0d4c8b1e6f3a92c57e1b0a8d4f6c3e29b7a5d1c0e8f4b2a6d9c3e7f1a5b8d2c4 AS tools',
          'FROM alpine:3.22@sha256:0d4c8b1e6f3a92c57e1b0a8d4f6c3e29b7a5d1c0e8f4b2a6d9c3e7f1a5b8d2c4',
          'RUN --mount=type=bind,from=tools,target=/t true',
          'RUN --mount=type=bind,from=busybox:latest,target=/b /b/busybox true',
        ),
        lines: [4],
        messageIncludes: 'mounts files from image busybox:latest',
      },
      {
        name: 'a registry with a port but no tag',
        code: df('FROM registry.example.com:5000/team/app'),
        lines: [1],
      },
      {
        name: 'lower-case from with a stage name',
        code: df('from python as build', 'from scratch'),
        lines: [1],
        messageIncludes: 'stage "build"',
      },
      { name: 'an ARG default of latest', code: df('ARG TAG=latest', 'FROM node:${TAG}'), lines: [2] },
      { name: 'an ARG fallback of latest', code: df('FROM node:${TAG:-latest}'), lines: [1] },
      { name: 'with --platform', code: df('FROM --platform=linux/amd64 alpine'), lines: [1] },
      {
        name: 'every stage',
        code: df('FROM golang AS build', 'RUN go build', 'FROM alpine:latest', 'COPY --from=build /app /app'),
        lines: [1, 3],
      },
    ],
  },
});

testImageRule(rule, {
  accept: [
    { name: 'a version tag in RepoTags', code: 'repoTags: [registry.example.com/app:1.4.2]\n' },
    { name: 'a registry with a port and a tag', code: 'repoTags: ["localhost:5000/team/app:2"]\n' },
    {
      name: 'an OCI ref name with a version tag',
      code: 'format: oci-layout\nrefName: registry.example.com/app:1.0\n',
    },
    { name: 'an OCI ref name that is a version tag only', code: 'format: oci-layout\nrefName: "1.0"\n' },
    {
      name: 'an OCI ref name with a digest',
      code: `format: oci-layout\nrefName: "registry.example.com/app@${DIGEST}"\n`,
    },
  ],
  reject: [
    {
      name: 'latest in RepoTags',
      code: 'repoTags: [registry.example.com/app:latest]\n',
      objects: ['image reference'],
      messageIncludes: 'is named registry.example.com/app:latest: the tag moves with every push',
      severity: 'low',
    },
    {
      name: 'an OCI ref name that is the tag latest only',
      code: 'format: oci-layout\nrefName: latest\n',
      objects: ['image reference'],
      messageIncludes: 'is named latest:',
      severity: 'low',
    },
    {
      name: 'an OCI ref name without a tag',
      code: 'format: oci-layout\nrefName: registry.example.com/app\n',
      objects: ['image reference'],
      messageIncludes: 'which has no tag and means latest',
    },
    {
      name: 'a registry with a port but no tag',
      code: 'format: oci-layout\nrefName: "localhost:5000/app"\n',
      objects: ['image reference'],
      messageIncludes: 'which has no tag and means latest',
    },
  ],
});
