import { describe, expect, it } from 'vitest';
import { findingsFor, testImageRule, testRule } from '../../../test/rule-tester.js';
import rule from './image-root-user.js';

const df = (...lines: string[]): string => `${lines.join('\n')}\n`;

testRule(rule, {
  dockerfile: {
    accept: [
      { name: 'a numeric USER', code: df('FROM alpine:3.20', 'RUN adduser -D -u 10001 app', 'USER 10001') },
      { name: 'a named USER with a group', code: df('FROM alpine:3.20', 'USER app:app') },
      {
        name: 'a root build stage and a USER in the final stage',
        code: df(
          'FROM golang:1.22 AS build',
          'USER root',
          'RUN go build -o /out/app ./cmd/app',
          'FROM gcr.io/distroless/static:nonroot',
          'COPY --from=build /out/app /app',
          'USER 65532:65532',
        ),
      },
      {
        name: 'a final stage FROM a named stage that set USER',
        code: df('FROM alpine:3.20 AS base', 'RUN adduser -D app', 'USER app', 'FROM base', 'COPY app /app'),
      },
      {
        name: 'a final stage FROM a named stage, matched case-insensitively',
        code: df('FROM alpine:3.20 AS Base', 'USER app', 'FROM base'),
      },
      {
        name: 'the USER of a chain of stages',
        code: df('FROM alpine:3.20 AS one', 'USER 10001', 'FROM one AS two', 'RUN true', 'FROM two'),
      },
      { name: 'FROM scratch with a numeric USER', code: df('FROM scratch', 'COPY app /app', 'USER 65532') },
      {
        name: 'root switched back to a user later in the stage',
        code: df('FROM alpine:3.20', 'USER root', 'RUN apk add --no-cache curl', 'USER app'),
      },
      { name: 'a lower-case instruction', code: df('from alpine:3.20', 'user app') },
      {
        name: 'line continuations before the USER',
        code: df('FROM alpine:3.20', 'RUN apk add --no-cache curl \\', '    && adduser -D app', 'USER app'),
      },
      {
        name: 'the escape directive and a backtick continuation',
        code: df(
          '# escape=`',
          'FROM mcr.microsoft.com/windows/servercore:ltsc2022',
          'RUN echo one `',
          '    && echo two',
          'USER ContainerUser',
        ),
      },
      {
        name: 'a global ARG used in FROM',
        code: df('ARG BASE=alpine:3.20', 'FROM ${BASE}', 'USER 10001'),
      },
      {
        name: 'a global ARG used in USER',
        code: df('ARG UID=10001', 'FROM alpine:3.20', 'ARG UID', 'USER ${UID}'),
      },
      {
        name: 'a platform flag on FROM',
        code: df('FROM --platform=$BUILDPLATFORM alpine:3.20 AS final', 'USER app'),
      },
    ],
    reject: [
      {
        name: 'no USER at all',
        code: df('FROM alpine:3.20', 'RUN apk add --no-cache curl'),
        lines: [1],
        messageIncludes: 'base image alpine:3.20',
        severity: 'high',
      },
      {
        name: 'USER root',
        code: df('FROM alpine:3.20', 'USER root'),
        lines: [2],
        messageIncludes: 'USER root',
      },
      { name: 'USER 0', code: df('FROM alpine:3.20', 'USER 0'), lines: [2], messageIncludes: 'USER 0' },
      { name: 'USER 0:0', code: df('FROM alpine:3.20', 'USER 0:0'), lines: [2], messageIncludes: 'USER 0:0' },
      { name: 'USER root:app', code: df('FROM alpine:3.20', 'USER root:app'), lines: [2] },
      { name: 'a lower-case user root', code: df('FROM alpine:3.20', 'user root'), lines: [2] },
      {
        name: 'root as the last of several USER instructions',
        code: df('FROM alpine:3.20', 'USER app', 'RUN true', 'USER root', 'CMD ["sh"]'),
        lines: [4],
      },
      {
        name: 'USER only in the build stage, the final stage FROM an external image',
        code: df(
          'FROM golang:1.22 AS build',
          'RUN adduser -D app',
          'USER app',
          'RUN go build -o /out/app ./cmd/app',
          '',
          'FROM alpine:3.20',
          'COPY --from=build /out/app /app',
          'ENTRYPOINT ["/app"]',
        ),
        lines: [6],
        messageIncludes: 'base image alpine:3.20',
      },
      {
        name: 'the final stage FROM a named stage that switched to root',
        code: df('FROM alpine:3.20 AS base', 'USER root', 'RUN apk add curl', 'FROM base', 'COPY app /app'),
        lines: [2],
      },
      {
        name: 'the final stage FROM a named stage without USER',
        code: df('FROM debian:12 AS base', 'RUN true', 'FROM base', 'COPY app /app'),
        lines: [3],
        messageIncludes: 'base image debian:12',
      },
      {
        name: 'root in the final stage after a user in the stage it comes from',
        code: df('FROM alpine:3.20 AS base', 'USER app', 'FROM base', 'USER 0'),
        lines: [4],
      },
      {
        name: 'FROM scratch without USER',
        code: df('FROM scratch', 'COPY app /app'),
        lines: [1],
        messageIncludes: 'FROM scratch without USER',
      },
      {
        name: 'a USER swallowed by a line continuation of RUN',
        code: df('FROM alpine:3.20', 'RUN echo one \\', 'USER app'),
        lines: [1],
      },
      {
        name: 'a USER written across a line continuation',
        code: df('FROM alpine:3.20', 'RUN true', 'USER \\', '    root'),
        lines: [3],
      },
      {
        name: 'the escape directive: a trailing backslash is not a continuation',
        code: df('# escape=`', 'FROM alpine:3.20', 'RUN echo C:\\', 'USER root'),
        lines: [4],
      },
      {
        name: 'the escape directive and a backtick continuation before USER root',
        code: df(
          '# escape=`',
          'FROM mcr.microsoft.com/windows/servercore:ltsc2022',
          'RUN echo one `',
          '    && echo two',
          'USER root',
        ),
        lines: [5],
      },
      {
        name: 'a global ARG used in FROM, no USER',
        code: df('ARG BASE=alpine:3.20', 'FROM ${BASE}', 'RUN true'),
        lines: [2],
        messageIncludes: 'base image alpine:3.20',
      },
      {
        name: 'a global ARG default of 0 used in USER',
        code: df('ARG UID=0', 'FROM alpine:3.20', 'ARG UID', 'USER ${UID}'),
        lines: [4],
        messageIncludes: 'USER 0',
      },
    ],
  },
});

describe('D01.image-root-user: regressions', () => {
  it('substitutes an ARG declared inside the stage into USER (`ARG UID=0` then `USER ${UID}` is root)', async () => {
    const findings = await findingsFor(
      rule,
      'dockerfile',
      df('FROM alpine:3.20', 'ARG UID=0', 'USER ${UID}'),
    );
    expect(findings.map((f) => ('line' in f.location ? f.location.line : -1))).toEqual([3]);
  });
});

testImageRule(rule, {
  accept: [
    { name: 'a numeric user', code: 'config: { User: "10001" }' },
    {
      name: 'a named user that /etc/passwd maps to a non-zero UID',
      code: 'config: { User: app }\nlayers:\n  - /etc/passwd: "root:x:0:0:root:/root:/bin/sh\\napp:x:10001:10001::/home/app:/sbin/nologin\\n"',
    },
  ],
  reject: [
    {
      name: 'no User',
      code: 'config: { User: "" }',
      objects: ['config Config.User'],
      messageIncludes: 'sets no User',
    },
    { name: 'User root', code: 'config: { User: "root" }', objects: ['config Config.User'] },
    { name: 'User 0:0', code: 'config: { User: "0:0" }', objects: ['config Config.User'] },
    {
      name: 'a name that /etc/passwd maps to UID 0',
      code: 'config: { User: toor }\nlayers:\n  - /etc/passwd: "toor:x:0:0::/root:/bin/sh\\n"',
      objects: ['config Config.User'],
      messageIncludes: 'UID 0',
    },
  ],
});
