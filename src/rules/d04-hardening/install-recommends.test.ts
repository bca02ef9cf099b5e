import { testRule } from '../../../test/rule-tester.js';
import rule from './install-recommends.js';

const df = (...lines: string[]): string => `${lines.join('\n')}\n`;

testRule(rule, {
  dockerfile: {
    accept: [
      {
        name: '--no-install-recommends',
        code: df('FROM debian:13-slim', 'RUN apt-get install -y --no-install-recommends curl'),
      },
      {
        name: 'the option after the packages',
        code: df('FROM debian:13-slim', 'RUN apt-get install -y curl --no-install-recommends'),
      },
      {
        name: 'the apt option -o',
        code: df('FROM debian:13-slim', 'RUN apt-get install -y -o APT::Install-Recommends=false curl'),
      },
      {
        name: 'recommends turned off in apt.conf.d by an earlier RUN',
        code: df(
          'FROM debian:13-slim',
          `RUN echo 'APT::Install-Recommends "false";' > /etc/apt/apt.conf.d/99norecommends`,
          'RUN apt-get install -y curl',
        ),
      },
      {
        name: 'only in a build stage',
        code: df('FROM debian:13 AS build', 'RUN apt-get install -y build-essential', 'FROM debian:13-slim'),
      },
      { name: 'apk has no recommends', code: df('FROM alpine:3.22', 'RUN apk add --no-cache curl') },
      { name: 'apt-get update only', code: df('FROM debian:13-slim', 'RUN apt-get update') },
      { name: 'apt-get remove', code: df('FROM debian:13-slim', 'RUN apt-get remove -y curl') },
    ],
    reject: [
      {
        name: 'apt-get install without the option',
        code: df('FROM debian:13-slim', 'RUN apt-get update && apt-get install -y curl ca-certificates'),
        lines: [2],
        messageIncludes: 'without --no-install-recommends (curl, ca-certificates)',
        severity: 'low',
      },
      { name: 'apt install', code: df('FROM debian:13-slim', 'RUN apt install -y curl'), lines: [2] },
      {
        name: 'options before the action',
        code: df('FROM debian:13-slim', 'RUN apt-get -y -q install curl'),
        lines: [2],
      },
      {
        name: 'one of two installs without it',
        code: df(
          'FROM debian:13-slim',
          'RUN apt-get install -y --no-install-recommends curl && apt-get install -y git',
        ),
        lines: [2],
        messageIncludes: '(git)',
      },
      {
        name: 'the config written after the install does not help it',
        code: df(
          'FROM debian:13-slim',
          'RUN apt-get install -y curl',
          `RUN echo 'APT::Install-Recommends "0";' > /etc/apt/apt.conf.d/99norecommends`,
          'RUN apt-get install -y git',
        ),
        lines: [2],
      },
      {
        name: 'lower-case, continuation, version pin',
        code: df(
          'from debian:13-slim',
          'run apt-get update && \\',
          '    apt-get install -y \\',
          '      curl=8.14.1-2',
        ),
        lines: [2],
        messageIncludes: '(curl)',
      },
      {
        name: 'a heredoc',
        code: df('FROM debian:13-slim', 'RUN <<EOF', 'apt-get update', 'apt-get install -y curl', 'EOF'),
        lines: [2],
      },
      {
        name: 'in a stage the final stage is built FROM',
        code: df('FROM debian:13-slim AS base', 'RUN apt-get install -y curl', 'FROM base'),
        lines: [2],
      },
      {
        name: 'sudo and an environment prefix',
        code: df('FROM debian:13-slim', 'RUN DEBIAN_FRONTEND=noninteractive sudo apt-get install -y tzdata'),
        lines: [2],
      },
    ],
  },
});
