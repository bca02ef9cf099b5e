import { testRule } from '../../../test/rule-tester.js';
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
