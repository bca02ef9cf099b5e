import { testImageRule, testRule } from '../../../test/rule-tester.js';
import rule from './no-healthcheck-build.js';

const df = (...lines: string[]): string => `${lines.join('\n')}\n`;

testRule(rule, {
  dockerfile: {
    accept: [
      {
        name: 'a HEALTHCHECK',
        code: df('FROM nginx:1.29', 'HEALTHCHECK CMD curl -f http://localhost/ || exit 1'),
      },
      {
        name: 'HEALTHCHECK with options across a continuation',
        code: df(
          'FROM nginx:1.29',
          'HEALTHCHECK --interval=30s --timeout=3s \\',
          '  CMD ["wget", "-q", "--spider", "http://127.0.0.1/"]',
        ),
      },
      {
        name: 'lower-case healthcheck',
        code: df('FROM nginx:1.29', 'healthcheck cmd wget -q --spider http://127.0.0.1/'),
      },
      {
        name: 'inherited from a stage the final stage is built FROM',
        code: df(
          'FROM nginx:1.29 AS base',
          'HEALTHCHECK CMD wget -q --spider http://127.0.0.1/',
          'FROM base',
          'COPY site/ /usr/share/nginx/html/',
        ),
      },
      {
        name: 'NONE overridden later in the chain',
        code: df('FROM nginx:1.29 AS base', 'HEALTHCHECK NONE', 'FROM base', 'HEALTHCHECK CMD /healthz'),
      },
      {
        name: 'in the final stage of a multi-stage build',
        code: df(
          'FROM golang:1.26 AS build',
          'RUN go build -o /app',
          'FROM gcr.io/distroless/static:nonroot',
          'COPY --from=build /app /app',
          'HEALTHCHECK CMD ["/app", "health"]',
        ),
      },
    ],
    reject: [
      {
        name: 'no HEALTHCHECK',
        code: df('FROM nginx:1.29', 'COPY site/ /usr/share/nginx/html/'),
        lines: [1],
        messageIncludes: 'unless its base image nginx:1.29 defines one',
        severity: 'low',
      },
      {
        name: 'HEALTHCHECK NONE',
        code: df('FROM nginx:1.29', 'HEALTHCHECK NONE'),
        lines: [2],
        messageIncludes: 'HEALTHCHECK NONE',
      },
      {
        name: 'only in a build stage',
        code: df(
          'FROM golang:1.26 AS build',
          'HEALTHCHECK CMD true',
          'FROM gcr.io/distroless/static:nonroot',
          'COPY --from=build /app /app',
        ),
        lines: [3],
      },
      {
        name: 'NONE in the final stage over a stage that had one',
        code: df('FROM nginx:1.29 AS base', 'HEALTHCHECK CMD true', 'FROM base', 'HEALTHCHECK NONE'),
        lines: [4],
      },
      {
        name: 'NONE inherited through the chain',
        code: df('FROM nginx:1.29 AS base', 'HEALTHCHECK NONE', 'FROM base', 'COPY a /a'),
        lines: [2],
      },
      { name: 'FROM scratch', code: df('FROM scratch', 'COPY app /app'), lines: [1] },
      { name: 'lower-case from', code: df('from alpine:3.22', 'run true'), lines: [1] },
      {
        name: 'a HEALTHCHECK swallowed by a RUN continuation',
        code: df('FROM nginx:1.29', 'RUN echo \\', 'HEALTHCHECK CMD true'),
        lines: [1],
      },
    ],
  },
});

testImageRule(rule, {
  accept: [
    { name: 'a CMD health check', code: 'config:\n  Healthcheck: { Test: [CMD, /app, health] }\n' },
    {
      name: 'a CMD-SHELL health check in an OCI layout',
      code: 'format: oci-layout\nconfig:\n  Healthcheck: { Test: [CMD-SHELL, "wget -q --spider http://127.0.0.1/ || exit 1"], Interval: 30000000000 }\n',
    },
  ],
  reject: [
    {
      name: 'no Healthcheck',
      code: 'config: { User: "10001" }',
      objects: ['config Config.Healthcheck'],
      messageIncludes: 'declares no health check',
      severity: 'low',
    },
    {
      name: 'Healthcheck NONE',
      code: 'config:\n  Healthcheck: { Test: [NONE] }\n',
      objects: ['config Config.Healthcheck'],
      messageIncludes: 'disables its health check (Healthcheck NONE)',
      severity: 'low',
    },
    {
      name: 'an empty Test (inherits nothing the config shows)',
      code: 'config:\n  Healthcheck: { Test: [] }\n',
      objects: ['config Config.Healthcheck'],
      messageIncludes: 'declares no health check',
    },
  ],
});
