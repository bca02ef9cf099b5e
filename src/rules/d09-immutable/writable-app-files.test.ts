import { testRule } from '../../../test/rule-tester.js';
import rule from './writable-app-files.js';

const df = (...lines: string[]): string => `${lines.join('\n')}\n`;

testRule(rule, {
  dockerfile: {
    accept: [
      {
        name: 'files owned by root',
        code: df('FROM node:24-slim', 'COPY --chown=root:root . /app', 'USER node'),
      },
      { name: 'no --chown', code: df('FROM node:24-slim', 'COPY . /app', 'USER node') },
      {
        name: 'owned by another user than the runtime one',
        code: df('FROM node:24-slim', 'COPY --chown=builder . /app', 'USER node'),
      },
      {
        name: 'a data directory for the runtime user',
        code: df('FROM node:24-slim', 'RUN mkdir -p /var/lib/app && chown node /var/lib/app', 'USER node'),
      },
      {
        name: 'the home directory',
        code: df('FROM node:24-slim', 'COPY --chown=node:node .bashrc /home/node/', 'USER node'),
      },
      {
        name: 'a sticky shared directory',
        code: df('FROM node:24-slim', 'RUN mkdir /shared && chmod 1777 /shared', 'USER node'),
      },
      { name: 'chmod o+t', code: df('FROM node:24-slim', 'RUN chmod a+wt /shared', 'USER node') },
      {
        name: 'chmod 777 on /tmp paths',
        code: df('FROM node:24-slim', 'RUN chmod -R 777 /tmp/cache', 'USER node'),
      },
      {
        name: 'read-only modes',
        code: df(
          'FROM node:24-slim',
          'RUN chmod -R 755 /app && chmod 644 /app/config.json',
          'COPY --chmod=0555 app /app/app',
          'USER node',
        ),
      },
      { name: 'user write only', code: df('FROM node:24-slim', 'RUN chmod u+w /app/x', 'USER node') },
      {
        name: 'runs as root: D01 reports that',
        code: df('FROM node:24-slim', 'COPY --chown=root . /app', 'RUN chmod -R 777 /app', 'USER root'),
      },
      {
        name: 'a build stage only',
        code: df(
          'FROM node:24 AS build',
          'COPY --chown=node . /src',
          'RUN chmod -R 777 /src',
          'FROM node:24-slim',
          'COPY --from=build /src/dist /app',
          'USER node',
        ),
      },
      {
        name: 'a path from a variable',
        code: df('FROM node:24-slim', 'RUN chown -R node $APP_HOME', 'USER node'),
      },
      {
        name: 'chown without a runtime USER is unknown',
        code: df('FROM node:24-slim', 'COPY --chown=node . /app'),
      },
    ],
    reject: [
      {
        name: 'COPY --chown to the runtime user',
        code: df('FROM node:24-slim', 'WORKDIR /app', 'COPY --chown=node:node . /app', 'USER node'),
        lines: [3],
        messageIncludes: 'owned by node:node, the user the image runs as',
        severity: 'medium',
      },
      {
        name: 'the runtime user by UID, created by the build',
        code: df(
          'FROM debian:13-slim',
          'RUN useradd -r -u 10001 app',
          'COPY --chown=app . /app',
          'USER 10001:10001',
        ),
        lines: [3],
      },
      {
        name: 'the runtime user by name, chown by UID',
        code: df(
          'FROM alpine:3.22',
          'RUN adduser -D -u 10001 app',
          'COPY --chown=10001:10001 . /app',
          'USER app',
        ),
        lines: [3],
      },
      {
        name: 'a directory created, then the application chowned with it',
        code: df(
          'FROM node:24-slim',
          'RUN mkdir -p /app/cache && chown -R node /app/cache /app',
          'USER node',
        ),
        lines: [2],
        messageIncludes: 'chown node /app (the user',
      },
      {
        name: 'RUN chown -R to the runtime user',
        code: df(
          'FROM node:24-slim',
          'COPY . /usr/src/app',
          'RUN chown -R node:node /usr/src/app',
          'USER node',
        ),
        lines: [3],
        messageIncludes: 'chown node:node /usr/src/app',
      },
      {
        name: 'chmod 777',
        code: df('FROM node:24-slim', 'RUN chmod -R 777 /app', 'USER node'),
        lines: [2],
        messageIncludes: 'world-writable',
      },
      {
        name: 'chmod 0666',
        code: df('FROM node:24-slim', 'RUN chmod 0666 /app/config.json', 'USER node'),
        lines: [2],
      },
      { name: 'chmod o+w', code: df('FROM node:24-slim', 'RUN chmod -R o+w /app', 'USER node'), lines: [2] },
      {
        name: 'chmod a+rwx',
        code: df('FROM node:24-slim', 'RUN chmod a+rwx /app/bin/run', 'USER node'),
        lines: [2],
      },
      { name: 'chmod go+w', code: df('FROM node:24-slim', 'RUN chmod go+w /app', 'USER node'), lines: [2] },
      {
        name: 'COPY --chmod=777',
        code: df('FROM node:24-slim', 'COPY --chmod=777 app /app/app', 'USER node'),
        lines: [2],
        messageIncludes: '--chmod=777',
      },
      {
        name: 'world-writable even without a USER',
        code: df('FROM node:24-slim', 'RUN chmod 777 /app'),
        lines: [2],
      },
      {
        name: 'in a stage the final stage is built FROM',
        code: df('FROM node:24-slim AS base', 'COPY --chown=node . /app', 'FROM base', 'USER node'),
        lines: [2],
      },
      {
        name: 'lower-case, continuation, sudo',
        code: df('from node:24-slim', 'run sudo chown -R \\', '    node /app', 'user node'),
        lines: [2],
      },
      {
        name: 'a heredoc',
        code: df('FROM node:24-slim', 'RUN <<EOF', 'chmod -R 777 /app', 'EOF', 'USER node'),
        lines: [2],
      },
      {
        name: 'in file order',
        code: df('FROM node:24-slim', 'RUN chmod 777 /app', 'COPY --chown=node a /app/a', 'USER node'),
        lines: [2, 3],
      },
    ],
  },
});
