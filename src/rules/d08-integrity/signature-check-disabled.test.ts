import { testRule } from '../../../test/rule-tester.js';
import rule from './signature-check-disabled.js';

const df = (...lines: string[]): string => `${lines.join('\n')}\n`;
const run = (command: string, base = 'debian:13-slim'): string => df(`FROM ${base}`, `RUN ${command}`);

testRule(rule, {
  dockerfile: {
    accept: [
      { name: 'apk add', code: run('apk add --no-cache curl', 'alpine:3.22') },
      { name: 'apt-get install', code: run('apt-get install -y --no-install-recommends curl') },
      {
        name: 'a signed-by source',
        code: run(
          'echo "deb [signed-by=/etc/apt/keyrings/x.asc] https://x.example.com stable main" > /etc/apt/sources.list.d/x.list',
        ),
      },
      {
        name: 'gpgcheck=1',
        code: run(
          'printf "[x]\\nbaseurl=https://x.example.com\\ngpgcheck=1\\n" > /etc/yum.repos.d/x.repo',
          'rockylinux:9',
        ),
      },
      {
        name: 'repo_gpgcheck=0 alone',
        code: run('echo "repo_gpgcheck=0" >> /etc/yum.repos.d/x.repo', 'rockylinux:9'),
      },
      { name: 'rpm --import', code: run('rpm --import https://x.example.com/key.asc', 'rockylinux:9') },
      { name: 'an echo of the option', code: run('echo "never use --allow-untrusted"', 'alpine:3.22') },
      { name: 'GOSUMDB set to a server', code: df('FROM golang:1.26', 'ENV GOSUMDB=sum.golang.org') },
      {
        name: 'GOPRIVATE for private modules',
        code: df('FROM golang:1.26', 'ENV GOPRIVATE=git.example.com/*'),
      },
    ],
    reject: [
      {
        name: 'apk --allow-untrusted',
        code: run('apk add --no-cache --allow-untrusted /tmp/tool.apk', 'alpine:3.22'),
        lines: [2],
        messageIncludes: 'apk --allow-untrusted',
        severity: 'high',
      },
      {
        name: 'apt-get --allow-unauthenticated',
        code: run('apt-get install -y --allow-unauthenticated tool'),
        lines: [2],
      },
      {
        name: 'apt-get --allow-insecure-repositories',
        code: run('apt-get update --allow-insecure-repositories'),
        lines: [2],
      },
      { name: 'apt-get --force-yes', code: run('apt-get install -y --force-yes tool'), lines: [2] },
      {
        name: 'an apt source marked trusted',
        code: run('echo "deb [trusted=yes] http://x.example.com/ ./" > /etc/apt/sources.list.d/x.list'),
        lines: [2],
        messageIncludes: '[trusted=yes]',
      },
      {
        name: 'trusted among other options',
        code: run(
          'echo "deb [arch=amd64 trusted=yes] http://x.example.com/ ./" > /etc/apt/sources.list.d/x.list',
        ),
        lines: [2],
      },
      {
        name: 'apt AllowUnauthenticated option',
        code: run('apt-get -o APT::Get::AllowUnauthenticated=true install -y tool'),
        lines: [2],
      },
      {
        name: 'yum --nogpgcheck',
        code: run('yum install -y --nogpgcheck tool', 'rockylinux:9'),
        lines: [2],
        messageIncludes: 'yum --nogpgcheck',
      },
      { name: 'dnf --nogpgcheck', code: run('dnf --nogpgcheck install -y tool', 'fedora:44'), lines: [2] },
      {
        name: 'microdnf --nogpgcheck',
        code: run('microdnf install --nogpgcheck tool', 'fedora:44'),
        lines: [2],
      },
      {
        name: 'dnf --setopt=gpgcheck=0',
        code: run('dnf install -y --setopt=gpgcheck=0 tool', 'fedora:44'),
        lines: [2],
        messageIncludes: 'gpgcheck=0',
      },
      {
        name: 'a repo file with gpgcheck=0',
        code: run(
          'printf "[x]\\nbaseurl=https://x.example.com\\ngpgcheck=0\\n" > /etc/yum.repos.d/x.repo',
          'rockylinux:9',
        ),
        lines: [2],
      },
      {
        name: 'rpm --nosignature',
        code: run('rpm -ivh --nosignature /tmp/tool.rpm', 'rockylinux:9'),
        lines: [2],
      },
      {
        name: 'zypper --no-gpg-checks',
        code: run('zypper --no-gpg-checks -n install tool', 'opensuse/leap:16.0'),
        lines: [2],
      },
      {
        name: 'GOSUMDB=off in ENV',
        code: df('FROM golang:1.26', 'ENV GOSUMDB=off'),
        lines: [2],
        messageIncludes: 'GOSUMDB=off',
      },
      {
        name: 'GOSUMDB=off on a RUN',
        code: df('FROM golang:1.26', 'RUN GOSUMDB=off go mod download'),
        lines: [2],
      },
      { name: 'GONOSUMCHECK', code: df('FROM golang:1.26', 'ARG GONOSUMCHECK=1'), lines: [2] },
      {
        name: 'lower-case with a continuation',
        code: df('from alpine:3.22', 'run apk add \\', '    --allow-untrusted /tmp/x.apk'),
        lines: [2],
      },
      {
        name: 'a heredoc',
        code: df('FROM rockylinux:9', 'RUN <<EOF', 'yum install -y --nogpgcheck tool', 'EOF'),
        lines: [2],
      },
      {
        name: 'the exec form',
        code: df('FROM alpine:3.22', 'RUN ["apk", "add", "--allow-untrusted", "/tmp/x.apk"]'),
        lines: [2],
      },
      {
        name: 'a build stage too',
        code: df('FROM alpine:3.22 AS build', 'RUN apk add --allow-untrusted /tmp/x.apk', 'FROM scratch'),
        lines: [2],
      },
      {
        name: 'two on one RUN: one finding',
        code: run(
          'apt-get update --allow-insecure-repositories && apt-get install -y --allow-unauthenticated tool',
        ),
        lines: [2],
        messageIncludes: 'apt-get --allow-insecure-repositories, apt-get --allow-unauthenticated',
      },
    ],
  },
});
