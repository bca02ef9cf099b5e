import { testRule } from '../../../test/rule-tester.js';
import rule from './add-instead-of-copy.js';

const df = (...lines: string[]): string => `${lines.join('\n')}\n`;

testRule(rule, {
  dockerfile: {
    accept: [
      { name: 'COPY', code: df('FROM alpine:3.22', 'COPY app.py /app/') },
      { name: 'a local tar.gz to unpack', code: df('FROM alpine:3.22', 'ADD rootfs.tar.gz /') },
      { name: 'a .tgz and a .tar.xz', code: df('FROM alpine:3.22', 'ADD vendor.tgz deps.tar.xz /opt/') },
      {
        name: 'a URL (the remote rules judge it)',
        code: df('FROM alpine:3.22', 'ADD https://example.com/tool /usr/local/bin/tool'),
      },
      { name: 'a git repository', code: df('FROM alpine:3.22', 'ADD git@github.com:example/repo.git /src') },
      { name: 'an upper-case archive name', code: df('FROM alpine:3.22', 'ADD DATA.TAR.BZ2 /data/') },
    ],
    reject: [
      {
        name: 'ADD of a local file',
        code: df('FROM alpine:3.22', 'ADD requirements.txt /app/'),
        lines: [2],
        messageIncludes: 'copies requirements.txt',
        severity: 'low',
      },
      { name: 'ADD of a directory', code: df('FROM alpine:3.22', 'ADD . /app'), lines: [2] },
      {
        name: 'a zip is not unpacked',
        code: df('FROM alpine:3.22', 'ADD site.zip /srv/'),
        lines: [2],
        messageIncludes: 'site.zip',
      },
      {
        name: 'an archive and a plain file: the plain one named',
        code: df('FROM alpine:3.22', 'ADD vendor.tar.gz config.yaml /opt/'),
        lines: [2],
        messageIncludes: 'copies config.yaml,',
      },
      {
        name: 'lower-case add with --chown',
        code: df('FROM alpine:3.22', 'add --chown=app:app src/ /app/'),
        lines: [2],
      },
      { name: 'the exec form', code: df('FROM alpine:3.22', 'ADD ["app.py", "/app/"]'), lines: [2] },
      {
        name: 'inline content',
        code: df('FROM alpine:3.22', 'ADD <<EOF /etc/motd', 'hello', 'EOF'),
        lines: [2],
      },
      {
        name: 'in a build stage too, across a continuation',
        code: df('FROM alpine:3.22 AS build', 'ADD \\', '  main.go /src/', 'FROM scratch'),
        lines: [2],
      },
    ],
  },
});
