import { testImageRule, testRule } from '../../../test/rule-tester.js';
import rule from './ssh-exposed-build.js';

const df = (...lines: string[]): string => `${lines.join('\n')}\n`;

testRule(rule, {
  dockerfile: {
    accept: [
      { name: 'an application port', code: df('FROM debian:13-slim', 'EXPOSE 8080', 'CMD ["/app"]') },
      { name: 'port 2222', code: df('FROM debian:13-slim', 'EXPOSE 2222 220') },
      { name: 'port 22 over UDP', code: df('FROM debian:13-slim', 'EXPOSE 22/udp') },
      { name: 'the SSH client', code: df('FROM debian:13-slim', 'RUN apt-get install -y openssh-client') },
      {
        name: 'apk openssh-client',
        code: df('FROM alpine:3.22', 'RUN apk add --no-cache openssh-client git'),
      },
      {
        name: 'sshd in a build stage only',
        code: df(
          'FROM debian:13 AS build',
          'RUN apt-get install -y openssh-server',
          'EXPOSE 22',
          'FROM debian:13-slim',
        ),
      },
      { name: 'a range without 22', code: df('FROM debian:13-slim', 'EXPOSE 8000-8010') },
      {
        name: 'ssh in a file name of CMD',
        code: df('FROM debian:13-slim', 'CMD ["/app/sshd-config-check"]'),
      },
      {
        name: 'ssh-keyscan in RUN',
        code: df('FROM debian:13-slim', 'RUN ssh-keyscan github.com >> /etc/ssh/ssh_known_hosts'),
      },
    ],
    reject: [
      {
        name: 'EXPOSE 22',
        code: df('FROM debian:13-slim', 'EXPOSE 22'),
        lines: [2],
        messageIncludes: 'exposes the SSH port (EXPOSE 22)',
        severity: 'medium',
      },
      {
        name: 'EXPOSE 22/tcp among others',
        code: df('FROM debian:13-slim', 'EXPOSE 80 22/tcp 443'),
        lines: [2],
      },
      { name: 'a range with 22', code: df('FROM debian:13-slim', 'EXPOSE 20-25'), lines: [2] },
      {
        name: 'an ARG port',
        code: df('FROM debian:13-slim', 'ARG SSH_PORT=22', 'EXPOSE ${SSH_PORT}'),
        lines: [3],
      },
      {
        name: 'openssh-server installed',
        code: df(
          'FROM debian:13-slim',
          'RUN apt-get update && apt-get install -y --no-install-recommends openssh-server',
        ),
        lines: [2],
        messageIncludes: 'installs an SSH server (openssh-server)',
      },
      {
        name: "Debian's ssh metapackage",
        code: df('FROM debian:13-slim', 'RUN apt-get install -y ssh'),
        lines: [2],
      },
      { name: 'Alpine openssh', code: df('FROM alpine:3.22', 'RUN apk add --no-cache openssh'), lines: [2] },
      { name: 'dropbear', code: df('FROM alpine:3.22', 'RUN apk add dropbear'), lines: [2] },
      {
        name: 'yum openssh-server',
        code: df('FROM rockylinux:9', 'RUN yum install -y openssh-server && yum clean all'),
        lines: [2],
      },
      {
        name: 'sshd started by CMD',
        code: df('FROM debian:13-slim', 'CMD ["/usr/sbin/sshd", "-D"]'),
        lines: [2],
        messageIncludes: 'CMD in the final stage',
      },
      {
        name: 'sshd in a shell-form ENTRYPOINT',
        code: df('FROM debian:13-slim', 'ENTRYPOINT sshd -D -e'),
        lines: [2],
      },
      {
        name: 'all three, each at its line',
        code: df(
          'FROM debian:13-slim',
          'RUN apt-get install -y openssh-server',
          'EXPOSE 22',
          'CMD ["/usr/sbin/sshd", "-D"]',
        ),
        lines: [2, 3, 4],
      },
      {
        name: 'in a stage the final stage is built FROM',
        code: df('FROM debian:13-slim AS base', 'EXPOSE 22', 'FROM base', 'USER app'),
        lines: [2],
      },
      { name: 'lower-case expose', code: df('from debian:13-slim', 'expose 22'), lines: [2] },
      {
        name: 'a heredoc RUN with a continuation',
        code: df(
          'FROM debian:13-slim',
          'RUN <<EOF',
          'apt-get update',
          'apt-get install -y \\',
          '  openssh-server',
          'EOF',
        ),
        lines: [2],
      },
    ],
  },
});

const layers = (...files: string[]): string => `layers:\n  - ${files.join('\n    ')}\n`;

testImageRule(rule, {
  accept: [
    { name: 'an application port', code: 'config:\n  ExposedPorts: { 8080/tcp: {}, 2222/tcp: {} }\n' },
    { name: 'port 22 over UDP', code: 'config:\n  ExposedPorts: { 22/udp: {} }\n' },
    {
      name: 'the SSH client and sftp-server, no daemon',
      code: layers(
        '/usr/bin/ssh: { mode: "0755" }',
        '/usr/lib/openssh/sftp-server: { mode: "0755" }',
        '/etc/ssh/ssh_config: "Host *\\n"',
      ),
    },
    {
      name: 'a BusyBox telnetd applet',
      code: layers(
        '/bin/busybox: { mode: "0755" }',
        '/usr/sbin/telnetd: { type: symlink, target: /bin/busybox }',
      ),
    },
    {
      name: 'a BusyBox hard-linked applet',
      code: layers('/bin/busybox: { mode: "0755" }', '/bin/telnetd: { type: link, target: bin/busybox }'),
    },
    {
      name: 'sshd removed by a later layer',
      code: 'layers:\n  - /usr/sbin/sshd: { mode: "0755" }\n  - /usr/sbin/sshd: { deleted: true }\n',
    },
  ],
  reject: [
    {
      name: 'ExposedPorts 22/tcp',
      code: 'config:\n  ExposedPorts: { 22/tcp: {}, 8080/tcp: {} }\n',
      objects: ['config Config.ExposedPorts'],
      messageIncludes: 'exposes the SSH port (ExposedPorts 22/tcp)',
      severity: 'medium',
    },
    {
      name: 'OpenSSH sshd',
      code: layers('/usr/sbin/sshd: { mode: "0755" }'),
      objects: ['file /usr/sbin/sshd'],
      messageIncludes: 'contains an SSH server: /usr/sbin/sshd',
      severity: 'medium',
    },
    {
      name: 'the port and the daemon: one finding each',
      code: `config:\n  ExposedPorts: { 22/tcp: {} }\n${layers('/usr/sbin/sshd: { mode: "0755" }')}`,
      objects: ['config Config.ExposedPorts', 'file /usr/sbin/sshd'],
    },
    {
      name: 'Dropbear',
      code: layers('/usr/sbin/dropbear: { mode: "0755" }'),
      objects: ['file /usr/sbin/dropbear'],
      messageIncludes: 'Dropbear',
    },
    {
      name: 'a telnet server is high',
      code: layers('/usr/sbin/in.telnetd: { mode: "0755" }'),
      objects: ['file /usr/sbin/in.telnetd'],
      messageIncludes: 'contains a telnet server',
      severity: 'high',
    },
    {
      name: 'sshd built into /usr/local, in an OCI layout',
      code: `format: oci-layout\n${layers('/usr/local/sbin/sshd: { mode: "0755" }')}`,
      objects: ['file /usr/local/sbin/sshd'],
    },
  ],
});
