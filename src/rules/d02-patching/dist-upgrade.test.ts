import { testRule } from '../../../test/rule-tester.js';
import rule from './dist-upgrade.js';

const df = (...lines: string[]): string => `${lines.join('\n')}\n`;

testRule(rule, {
  dockerfile: {
    accept: [
      {
        name: 'install only',
        code: df('FROM debian:13-slim', 'RUN apt-get update && apt-get install -y curl'),
      },
      {
        name: 'upgrading one named package',
        code: df('FROM debian:13-slim', 'RUN apt-get update && apt-get install -y --only-upgrade openssl'),
      },
      {
        name: 'apt-get upgrade of named packages',
        code: df('FROM debian:13-slim', 'RUN apt-get upgrade -y openssl'),
      },
      { name: 'an echo', code: df('FROM debian:13-slim', 'RUN echo "apt-get dist-upgrade"') },
      { name: 'apk upgrade is not judged', code: df('FROM alpine:3.22', 'RUN apk upgrade --no-cache') },
    ],
    reject: [
      {
        name: 'apt-get dist-upgrade',
        code: df('FROM debian:13-slim', 'RUN apt-get update && apt-get dist-upgrade -y'),
        lines: [2],
        messageIncludes: '`apt-get dist-upgrade`',
        severity: 'low',
      },
      {
        name: 'apt full-upgrade',
        code: df('FROM debian:13-slim', 'RUN apt update && apt full-upgrade -y'),
        lines: [2],
        severity: 'low',
      },
      {
        name: 'apt-get upgrade of everything: info',
        code: df('FROM debian:13-slim', 'RUN apt-get update && apt-get -y upgrade'),
        lines: [2],
        severity: 'info',
        messageIncludes: '`apt-get upgrade`',
      },
      {
        name: 'upgrade and dist-upgrade in one RUN: the stronger one',
        code: df('FROM debian:13-slim', 'RUN apt-get upgrade -y && apt-get dist-upgrade -y'),
        lines: [2],
        severity: 'low',
      },
      {
        name: 'a lower-case run across continuations',
        code: df('FROM debian:13-slim', 'run apt-get update \\', '  && apt-get \\', '     dist-upgrade -y'),
        lines: [2],
      },
      {
        name: 'a heredoc',
        code: df(
          'FROM debian:13-slim',
          'RUN <<EOF',
          'apt-get update',
          'DEBIAN_FRONTEND=noninteractive apt-get dist-upgrade -y',
          'EOF',
        ),
        lines: [2],
      },
      {
        name: 'a build stage too',
        code: df('FROM debian:13 AS build', 'RUN apt-get dist-upgrade -y', 'FROM debian:13-slim'),
        lines: [2],
      },
    ],
  },
});
