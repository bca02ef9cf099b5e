import { describe, expect, it } from 'vitest';
import { imageFindingsFor, testImageRule, testRule } from '../../../test/rule-tester.js';
import rule from './sudo.js';

const df = (...lines: string[]): string => `${lines.join('\n')}\n`;

testRule(rule, {
  dockerfile: {
    accept: [
      {
        name: 'no sudo at all',
        code: df('FROM debian:13-slim', 'RUN apt-get install -y curl', 'USER 10001'),
      },
      {
        name: 'sudo only in a build stage',
        code: df(
          'FROM debian:13 AS build',
          'RUN apt-get install -y sudo && sudo make install',
          'FROM gcr.io/distroless/static:nonroot',
          'COPY --from=build /out/app /app',
        ),
      },
      {
        name: 'a package whose name contains sudo',
        code: df('FROM debian:13-slim', 'RUN apt-get install -y sudoku'),
      },
      { name: 'the word sudo in an echo', code: df('FROM alpine:3.22', 'RUN echo "no sudo here"') },
      { name: 'gosu to drop privileges', code: df('FROM debian:13-slim', 'RUN apt-get install -y gosu') },
      {
        name: 'a user added to an ordinary group',
        code: df('FROM debian:13-slim', 'RUN useradd -G audio app && adduser app staff'),
      },
      { name: 'removing sudo', code: df('FROM debian:13-slim', 'RUN apt-get purge -y sudo') },
      {
        name: 'sudoers in a build stage only',
        code: df(
          'FROM alpine:3.22 AS tools',
          'COPY sudoers /etc/sudoers.d/app',
          'FROM alpine:3.22',
          'USER app',
        ),
      },
    ],
    reject: [
      {
        name: 'apt-get install sudo',
        code: df('FROM debian:13-slim', 'RUN apt-get update && apt-get install -y sudo'),
        lines: [2],
        messageIncludes: 'installs sudo',
        severity: 'high',
      },
      { name: 'apk add sudo', code: df('FROM alpine:3.22', 'RUN apk add --no-cache sudo'), lines: [2] },
      { name: 'dnf install sudo', code: df('FROM fedora:44', 'RUN dnf install -y sudo-1.9.15'), lines: [2] },
      {
        name: 'a pinned version',
        code: df('FROM debian:13-slim', 'RUN apt-get install -y sudo=1.9.16p2-3'),
        lines: [2],
      },
      {
        name: 'a command run with sudo',
        code: df('FROM debian:13-slim', 'USER app', 'RUN sudo apt-get install -y curl'),
        lines: [3],
        messageIncludes: 'runs a command with sudo',
      },
      {
        name: 'sudo after an environment assignment',
        code: df('FROM debian:13-slim', 'RUN DEBIAN_FRONTEND=noninteractive sudo -E make install'),
        lines: [2],
      },
      {
        name: 'a NOPASSWD rule written to sudoers.d',
        code: df('FROM debian:13-slim', 'RUN echo "app ALL=(ALL) NOPASSWD:ALL" > /etc/sudoers.d/app'),
        lines: [2],
        messageIncludes: 'writes a sudoers rule',
      },
      {
        name: 'a user added to the sudo group',
        code: df('FROM ubuntu:24.04', 'RUN useradd -m -G sudo app'),
        lines: [2],
        messageIncludes: 'admin group',
      },
      { name: 'usermod -aG wheel', code: df('FROM fedora:44', 'RUN usermod -aG wheel app'), lines: [2] },
      { name: 'adduser app sudo', code: df('FROM debian:13-slim', 'RUN adduser app sudo'), lines: [2] },
      {
        name: 'a sudoers file copied in',
        code: df('FROM debian:13-slim', 'COPY sudoers /etc/sudoers.d/app'),
        lines: [2],
        messageIncludes: '/etc/sudoers.d/app',
      },
      {
        name: 'a lower-case instruction with a continuation',
        code: df(
          'from debian:13-slim',
          'run apt-get update \\',
          '    && apt-get install -y \\',
          '       curl sudo',
        ),
        lines: [2],
      },
      {
        name: 'a heredoc RUN',
        code: df('FROM debian:13-slim', 'RUN <<EOF', 'apt-get update', 'apt-get install -y sudo', 'EOF'),
        lines: [2],
      },
      {
        name: 'the exec form',
        code: df('FROM debian:13-slim', 'RUN ["sh", "-c", "apt-get install -y sudo"]'),
        lines: [2],
      },
      {
        name: 'in a stage the final stage is built FROM',
        code: df('FROM debian:13-slim AS base', 'RUN apt-get install -y sudo', 'FROM base', 'USER app'),
        lines: [2],
        messageIncludes: 'stage "base"',
      },
      {
        name: 'install and use in one RUN: one finding',
        code: df('FROM debian:13-slim', 'RUN apt-get install -y sudo && sudo true'),
        lines: [2],
        messageIncludes: 'installs sudo and runs a command with sudo',
      },
      {
        name: 'several RUNs',
        code: df('FROM debian:13-slim', 'RUN apt-get install -y sudo', 'RUN true', 'RUN sudo id'),
        lines: [2, 4],
      },
    ],
  },
});

testImageRule(rule, {
  accept: [
    { name: 'no sudo', code: 'layers:\n  - /usr/bin/curl: { mode: "0755" }\n' },
    { name: 'gosu, not sudo', code: 'layers:\n  - /usr/local/bin/gosu: { mode: "0755" }\n' },
    {
      name: 'a sudoers rule without a sudo to read it',
      code: 'layers:\n  - /etc/sudoers.d/app: "app ALL=(ALL) NOPASSWD:ALL\\n"\n',
    },
    {
      name: 'sudo removed by a later layer',
      code: 'layers:\n  - /usr/bin/sudo: { mode: "4755" }\n  - /usr/bin/sudo: { deleted: true }\n',
    },
    { name: 'a file named like sudo elsewhere', code: 'layers:\n  - /opt/docs/sudo: "manual"\n' },
  ],
  reject: [
    {
      name: 'sudo setuid root',
      code: 'layers:\n  - /usr/bin/sudo: { mode: "4755" }\n',
      objects: ['file /usr/bin/sudo'],
      messageIncludes: 'setuid root at /usr/bin/sudo',
      severity: 'high',
    },
    {
      name: 'sudo without the setuid bit: medium',
      code: 'layers:\n  - /usr/bin/sudo: { mode: "0755" }\n',
      objects: ['file /usr/bin/sudo'],
      messageIncludes: 'not setuid root',
      severity: 'medium',
    },
    {
      name: '/bin/sudo through a merged-/usr link: reported once, where it is',
      code: 'layers:\n  - /usr/bin/sudo: { mode: "4755" }\n    /bin: { type: symlink, target: usr/bin }\n',
      objects: ['file /usr/bin/sudo'],
    },
    {
      name: 'sudo and NOPASSWD rules in /etc/sudoers and /etc/sudoers.d',
      code: 'layers:\n  - /usr/bin/sudo: { mode: "4755" }\n    /etc/sudoers: "root ALL=(ALL:ALL) ALL\\n%wheel ALL=(ALL) NOPASSWD: ALL\\n"\n    /etc/sudoers.d/app: "# the app\\napp ALL=(root) NOPASSWD:/usr/bin/apt-get\\n"\n',
      objects: ['file /usr/bin/sudo', 'file /etc/sudoers', 'file /etc/sudoers.d/app'],
    },
    {
      name: 'Defaults !authenticate',
      code: 'layers:\n  - /usr/bin/sudo: { mode: "4755" }\n    /etc/sudoers: "Defaults env_reset, !authenticate\\n"\n',
      objects: ['file /usr/bin/sudo', 'file /etc/sudoers'],
    },
    {
      name: 'sudoers.d files sudo skips (a dot, a trailing ~) and commented rules are not reported',
      code: 'layers:\n  - /usr/bin/sudo: { mode: "4755" }\n    /etc/sudoers.d/app.bak: "app ALL=(ALL) NOPASSWD:ALL\\n"\n    /etc/sudoers.d/app~: "app ALL=(ALL) NOPASSWD:ALL\\n"\n    /etc/sudoers.d/README: "# app ALL=(ALL) NOPASSWD:ALL\\n"\n',
      objects: ['file /usr/bin/sudo'],
    },
  ],
});

describe('D01.sudo (image): what it says', () => {
  it('names the NOPASSWD rules in the evidence', async () => {
    const findings = await imageFindingsFor(
      rule,
      'layers:\n  - /usr/bin/sudo: { mode: "4755" }\n    /etc/sudoers.d/app: "app ALL=(ALL) NOPASSWD:ALL\\n"\n',
    );
    expect(findings.map((f) => [f.message, f.evidence])).toEqual([
      [expect.stringContaining('/usr/bin/sudo'), '/usr/bin/sudo mode 4755 owner 0:0'],
      [expect.stringContaining('without a password'), 'app ALL=(ALL) NOPASSWD:ALL'],
    ]);
  });
});
