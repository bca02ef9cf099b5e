import { testRule } from '../../../test/rule-tester.js';
import rule from './apt-update-alone.js';

const df = (...lines: string[]): string => `${lines.join('\n')}\n`;

testRule(rule, {
  dockerfile: {
    accept: [
      {
        name: 'update and install in one RUN',
        code: df(
          'FROM debian:13-slim',
          'RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*',
        ),
      },
      {
        name: 'apt instead of apt-get',
        code: df('FROM debian:13-slim', 'RUN apt update && apt install -y curl'),
      },
      {
        name: 'update with options, then install across a continuation',
        code: df('FROM debian:13-slim', 'RUN apt-get -qq update \\', '    && apt-get -y install curl'),
      },
      {
        name: 'update then upgrade',
        code: df('FROM debian:13-slim', 'RUN apt-get update && apt-get upgrade -y'),
      },
      { name: 'apk update and add', code: df('FROM alpine:3.22', 'RUN apk update && apk add curl') },
      { name: 'apk add --no-cache alone', code: df('FROM alpine:3.22', 'RUN apk add --no-cache curl') },
      { name: 'no package manager', code: df('FROM debian:13-slim', 'RUN echo apt-get update') },
      {
        name: 'a heredoc with update and install',
        code: df(
          'FROM debian:13-slim',
          'RUN <<EOF',
          'set -e',
          'apt-get update',
          'apt-get install -y curl',
          'EOF',
        ),
      },
      {
        name: 'sh -c with both',
        code: df('FROM debian:13-slim', `RUN sh -c 'apt-get update && apt-get install -y curl'`),
      },
      {
        name: 'the exec form with both',
        code: df('FROM debian:13-slim', 'RUN ["/bin/sh", "-c", "apt-get update && apt-get install -y curl"]'),
      },
      { name: 'yum makecache is not judged', code: df('FROM fedora:44', 'RUN dnf makecache') },
    ],
    reject: [
      {
        name: 'apt-get update alone',
        code: df('FROM debian:13-slim', 'RUN apt-get update', 'RUN apt-get install -y curl'),
        lines: [2],
        messageIncludes: '`apt-get update` without installing anything',
        severity: 'medium',
      },
      { name: 'apt update alone', code: df('FROM debian:13-slim', 'RUN apt update'), lines: [2] },
      {
        name: 'apk update alone',
        code: df('FROM alpine:3.22', 'RUN apk update', 'RUN apk add curl'),
        lines: [2],
        messageIncludes: 'apk update',
      },
      { name: 'a lower-case run', code: df('FROM debian:13-slim', 'run apt-get update -qq'), lines: [2] },
      {
        name: 'update with a cleanup but no install',
        code: df('FROM debian:13-slim', 'RUN apt-get update && rm -rf /var/lib/apt/lists/*'),
        lines: [2],
      },
      {
        name: 'in a build stage too',
        code: df(
          'FROM debian:13 AS build',
          'RUN apt-get update',
          'RUN apt-get install -y gcc',
          'FROM scratch',
        ),
        lines: [2],
        messageIncludes: 'stage "build"',
      },
      {
        name: 'a heredoc with update only',
        code: df('FROM debian:13-slim', 'RUN <<EOF', 'apt-get update', 'EOF'),
        lines: [2],
      },
      {
        name: 'install of another manager does not count',
        code: df('FROM debian:13-slim', 'RUN apt-get update && pip install requests'),
        lines: [2],
      },
      {
        name: 'a continuation',
        code: df(
          'FROM debian:13-slim',
          'RUN set -eux; \\',
          '    apt-get update',
          'RUN apt-get install -y curl',
        ),
        lines: [2],
      },
      {
        name: 'every such RUN',
        code: df(
          'FROM debian:13-slim',
          'RUN apt-get update',
          'RUN apt-get install -y curl',
          'RUN apt-get update',
        ),
        lines: [2, 4],
      },
    ],
  },
});
