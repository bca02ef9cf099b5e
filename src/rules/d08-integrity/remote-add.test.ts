import { testRule } from '../../../test/rule-tester.js';
import rule from './remote-add.js';

const df = (...lines: string[]): string => `${lines.join('\n')}\n`;
const SUM = 'sha256:0d4c8b1e6f3a92c57e1b0a8d4f6c3e29b7a5d1c0e8f4b2a6d9c3e7f1a5b8d2c4';

testRule(rule, {
  dockerfile: {
    accept: [
      {
        name: 'a checksum',
        code: df('FROM alpine:3.22', `ADD --checksum=${SUM} https://example.com/tool.tgz /tmp/`),
      },
      { name: 'a local archive', code: df('FROM alpine:3.22', 'ADD rootfs.tar.gz /') },
      { name: 'COPY', code: df('FROM alpine:3.22', 'COPY tool /usr/local/bin/') },
      {
        name: 'a git repository pinned by ref',
        code: df('FROM alpine:3.22', 'ADD https://github.com/example/repo.git#v1.2.3 /src'),
      },
      {
        name: 'a lower-case add with a checksum',
        code: df('FROM alpine:3.22', `add --checksum=${SUM} https://example.com/a /a`),
      },
      {
        name: 'a download verified in RUN',
        code: df(
          'FROM alpine:3.22',
          'RUN wget -O /tmp/a https://example.com/a && echo "x  /tmp/a" | sha256sum -c -',
        ),
      },
    ],
    reject: [
      {
        name: 'an https URL',
        code: df('FROM alpine:3.22', 'ADD https://example.com/tool-linux-amd64 /usr/local/bin/tool'),
        lines: [2],
        messageIncludes: 'downloads https://example.com/tool-linux-amd64 without --checksum',
        severity: 'medium',
      },
      { name: 'plain http', code: df('FROM alpine:3.22', 'ADD http://example.com/a.tgz /tmp/'), lines: [2] },
      {
        name: 'lower-case add with --chown',
        code: df('FROM alpine:3.22', 'add --chown=app https://example.com/a /a'),
        lines: [2],
      },
      {
        name: 'the exec form',
        code: df('FROM alpine:3.22', 'ADD ["https://example.com/a", "/a"]'),
        lines: [2],
      },
      {
        name: 'an ARG-built URL',
        code: df('FROM alpine:3.22', 'ARG V=1.2', 'ADD https://example.com/tool-${V}.tgz /tmp/'),
        lines: [3],
        messageIncludes: 'tool-1.2.tgz',
      },
      {
        name: 'credentials in the URL are masked in the message',
        code: df('FROM alpine:3.22', 'ADD https://ci:t0k3nValue99@example.com/a /a'),
        lines: [2],
        messageIncludes: 'https://ci:****@example.com/a',
      },
      {
        name: 'a build stage too, across a continuation',
        code: df('FROM alpine:3.22 AS fetch', 'ADD \\', '  https://example.com/a /a', 'FROM scratch'),
        lines: [2],
      },
    ],
  },
});
