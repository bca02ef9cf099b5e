import { testRule } from '../../../test/rule-tester.js';
import rule from './secret-file.js';

const df = (...lines: string[]): string => `${lines.join('\n')}\n`;
const copy = (line: string): string => df('FROM node:24-slim', 'WORKDIR /app', line);

testRule(rule, {
  dockerfile: {
    accept: [
      { name: 'application files', code: copy('COPY package.json package-lock.json src/ ./') },
      { name: 'a public SSH key', code: copy('COPY id_rsa.pub /root/.ssh/authorized_keys') },
      { name: 'known_hosts into .ssh', code: copy('COPY known_hosts /root/.ssh/known_hosts') },
      { name: 'a CA certificate in PEM', code: copy('COPY certs/ca.pem /usr/local/share/ca-certificates/') },
      { name: 'a certificate chain', code: copy('COPY fullchain.pem cert.pem /etc/nginx/tls/') },
      { name: 'a repository signing key', code: copy('COPY nodesource.gpg.key /tmp/') },
      { name: 'an example env file', code: copy('COPY .env.example .env.sample ./') },
      { name: 'a URL (the remote rules judge it)', code: copy('ADD https://example.com/.env /tmp/x') },
      {
        name: 'a secret mount instead',
        code: copy('RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci'),
      },
      {
        name: 'a build-stage secret not carried by COPY --from',
        code: df(
          'FROM node:24 AS build',
          'WORKDIR /src',
          'RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci',
          'FROM node:24-slim',
          'COPY --from=build /src/dist /app/dist',
        ),
      },
      { name: 'environment.ts is not a dotenv file', code: copy('COPY environment.ts config.env.ts ./') },
    ],
    reject: [
      {
        name: 'a private SSH key',
        code: copy('COPY id_rsa /root/.ssh/id_rsa'),
        lines: [3],
        messageIncludes: 'id_rsa (a private SSH key)',
        severity: 'high',
      },
      { name: 'id_ed25519', code: copy('COPY keys/id_ed25519 /root/.ssh/'), lines: [3] },
      { name: 'a key renamed on the way', code: copy('COPY deploy_key /root/.ssh/id_rsa'), lines: [3] },
      {
        name: 'anything into .ssh but public files',
        code: copy('COPY deploy-key /home/app/.ssh/'),
        lines: [3],
        messageIncludes: '.ssh directory',
      },
      { name: 'the whole .ssh directory', code: copy('COPY .ssh /root/.ssh'), lines: [3] },
      {
        name: 'a .pem key',
        code: copy('COPY tls/server-key.pem /etc/tls/'),
        lines: [3],
        messageIncludes: 'PEM',
      },
      {
        name: 'a .key file',
        code: copy('COPY server.key /etc/nginx/'),
        lines: [3],
        messageIncludes: 'a private key',
      },
      { name: 'a .p12 key store', code: copy('COPY signing.p12 /opt/'), lines: [3] },
      { name: 'a dotenv file', code: copy('COPY .env ./'), lines: [3], messageIncludes: 'dotenv' },
      { name: 'a production dotenv file', code: copy('COPY .env.production ./.env'), lines: [3] },
      {
        name: '.npmrc',
        code: copy('COPY .npmrc package.json ./'),
        lines: [3],
        messageIncludes: '.npmrc (npm credentials)',
      },
      { name: '.npmrc by destination', code: copy('COPY npmrc /root/.npmrc'), lines: [3] },
      { name: '.pypirc', code: copy('COPY .pypirc /root/'), lines: [3] },
      { name: 'credentials.json', code: copy('COPY config/credentials.json /app/config/'), lines: [3] },
      {
        name: 'a docker config.json',
        code: copy('COPY .docker/config.json /root/.docker/config.json'),
        lines: [3],
      },
      {
        name: 'docker config.json by destination',
        code: copy('COPY registry-auth.json /root/.docker/config.json'),
        lines: [3],
      },
      { name: 'AWS credentials', code: copy('COPY .aws/credentials /root/.aws/credentials'), lines: [3] },
      { name: 'the .aws directory', code: copy('COPY .aws /root/.aws'), lines: [3] },
      { name: '.git-credentials', code: copy('COPY .git-credentials /root/'), lines: [3] },
      { name: '.netrc with ADD', code: copy('ADD .netrc /root/.netrc'), lines: [3] },
      { name: 'a kubeconfig', code: copy('COPY .kube/config /root/.kube/config'), lines: [3] },
      { name: 'a glob of keys', code: copy('COPY *.pem /etc/tls/'), lines: [3] },
      {
        name: 'lower-case copy with --chown',
        code: df('FROM node:24-slim', 'copy --chown=app .env /app/'),
        lines: [2],
      },
      { name: 'the exec form', code: copy('COPY ["id_rsa", "/root/.ssh/"]'), lines: [3] },
      {
        name: 'inline content written to .npmrc',
        code: df(
          'FROM node:24-slim',
          'COPY <<EOF /root/.npmrc',
          '//registry.npmjs.org/:_authToken=${NPM_TOKEN}',
          'EOF',
        ),
        lines: [2],
      },
      {
        name: 'one finding per COPY, naming every file',
        code: copy('COPY .env id_rsa ./'),
        lines: [3],
        messageIncludes: '.env (a dotenv file), id_rsa (a private SSH key)',
      },
      {
        name: 'COPY --from=builder of a secret file into the final stage',
        code: df(
          'FROM node:24 AS builder',
          'RUN npm ci',
          'FROM node:24-slim',
          'COPY --from=builder /src/.env /app/.env',
        ),
        lines: [4],
        severity: 'high',
      },
      {
        name: 'a build-stage secret carried by COPY --from of its directory',
        code: df(
          'FROM node:24 AS build',
          'WORKDIR /src',
          'COPY .npmrc package.json ./',
          'RUN npm ci',
          'FROM node:24-slim',
          'COPY --from=build /src /app',
        ),
        lines: [3],
        severity: 'high',
        messageIncludes: 'COPY --from=build at line 6 carries it into the image',
      },
      {
        name: 'a build-stage secret carried by a glob',
        code: df(
          'FROM node:24 AS build',
          'COPY id_rsa /src/keys/',
          'FROM node:24-slim',
          'COPY --from=build /src/* /app/',
        ),
        lines: [2],
        severity: 'high',
      },
      {
        name: 'a build-stage secret that stays there: medium',
        code: df(
          'FROM node:24 AS build',
          'WORKDIR /src',
          'COPY .npmrc package.json ./',
          'RUN npm ci && npm run build',
          'FROM node:24-slim',
          'COPY --from=build /src/dist /app/dist',
        ),
        lines: [3],
        severity: 'medium',
        messageIncludes: 'stays in the build cache',
      },
      {
        name: 'in a stage the final stage is built FROM',
        code: df('FROM node:24-slim AS base', 'COPY .env /app/', 'FROM base'),
        lines: [2],
        severity: 'high',
      },
      {
        name: 'a continuation',
        code: df('FROM node:24-slim', 'COPY package.json \\', '     .env \\', '     /app/'),
        lines: [2],
      },
    ],
  },
});
