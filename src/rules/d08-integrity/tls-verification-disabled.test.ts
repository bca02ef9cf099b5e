import { testRule } from '../../../test/rule-tester.js';
import rule from './tls-verification-disabled.js';

const df = (...lines: string[]): string => `${lines.join('\n')}\n`;
const run = (command: string): string => df('FROM debian:13-slim', `RUN ${command}`);

testRule(rule, {
  dockerfile: {
    accept: [
      { name: 'curl with ordinary options', code: run('curl -fsSL -o /tmp/a https://example.com/a') },
      { name: 'curl -K reads a config file', code: run('curl -K /etc/curl.conf https://example.com') },
      {
        name: 'a k inside a curl option value',
        code: run('curl -H "X-Kind: k" -XPOST -d k=1 https://example.com'),
      },
      { name: 'a header whose value starts with k', code: run('curl -Hkey:value https://example.com') },
      { name: 'wget verifying', code: run('wget -q https://example.com/a') },
      {
        name: 'pip with an index URL',
        code: run('pip install --index-url https://pypi.example.com/simple app'),
      },
      { name: 'npm strict-ssl true', code: run('npm config set strict-ssl true') },
      { name: 'git sslVerify true', code: run('git config --global http.sslVerify true') },
      {
        name: 'NODE_TLS_REJECT_UNAUTHORIZED=1',
        code: df('FROM node:24-slim', 'ENV NODE_TLS_REJECT_UNAUTHORIZED=1'),
      },
      {
        name: 'an extra CA for node',
        code: df('FROM node:24-slim', 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/corp.pem'),
      },
      { name: 'PYTHONHTTPSVERIFY=1', code: df('FROM python:3.13-slim', 'ENV PYTHONHTTPSVERIFY=1') },
      { name: 'yum repo with sslverify=1', code: run('echo "sslverify=1" >> /etc/yum.repos.d/x.repo') },
      { name: 'a kubectl with a CA', code: run('kubectl --certificate-authority=/ca.crt get pods') },
      { name: 'an ARG without a value', code: df('FROM node:24-slim', 'ARG NODE_TLS_REJECT_UNAUTHORIZED') },
      { name: 'a word that only contains k', code: run('make -j4 && tar -xkf a.tar') },
    ],
    reject: [
      {
        name: 'curl -k',
        code: run('curl -k https://example.com/a -o /tmp/a'),
        lines: [2],
        messageIncludes: 'curl -k (--insecure)',
        severity: 'high',
      },
      { name: 'curl --insecure', code: run('curl --insecure -fsSL https://example.com/a'), lines: [2] },
      { name: 'curl -k in a cluster', code: run('curl -fsSLk https://example.com/a'), lines: [2] },
      { name: 'curl -k after sudo', code: run('sudo curl -sk https://example.com/a'), lines: [2] },
      {
        name: 'wget --no-check-certificate',
        code: run('wget --no-check-certificate https://example.com/a'),
        lines: [2],
        messageIncludes: 'wget --no-check-certificate',
      },
      {
        name: 'pip --trusted-host',
        code: run('pip install --trusted-host pypi.example.com app'),
        lines: [2],
        messageIncludes: 'pip --trusted-host',
      },
      {
        name: 'pip config set trusted-host',
        code: run('pip config set global.trusted-host pypi.example.com'),
        lines: [2],
      },
      {
        name: 'npm config set strict-ssl false',
        code: run('npm config set strict-ssl false'),
        lines: [2],
        messageIncludes: 'strict-ssl false',
      },
      { name: 'npm --strict-ssl=false', code: run('npm ci --strict-ssl=false'), lines: [2] },
      { name: 'yarn strict-ssl', code: run('yarn config set strict-ssl false'), lines: [2] },
      { name: 'strict-ssl written to .npmrc', code: run('echo "strict-ssl=false" >> ~/.npmrc'), lines: [2] },
      {
        name: 'git -c http.sslVerify=false',
        code: run('git -c http.sslVerify=false clone https://git.example.com/a.git'),
        lines: [2],
        messageIncludes: 'git http.sslVerify false',
      },
      {
        name: 'git config http.sslverify false',
        code: run('git config --global http.sslverify false'),
        lines: [2],
      },
      {
        name: 'GIT_SSL_NO_VERIFY on a RUN',
        code: run('GIT_SSL_NO_VERIFY=true git clone https://git.example.com/a.git'),
        lines: [2],
        messageIncludes: 'GIT_SSL_NO_VERIFY',
      },
      {
        name: 'NODE_TLS_REJECT_UNAUTHORIZED=0 in ENV: stays at run time',
        code: df('FROM node:24-slim', 'ENV NODE_TLS_REJECT_UNAUTHORIZED=0'),
        lines: [2],
        messageIncludes: 'stays off in every container of the image',
      },
      {
        name: 'NODE_TLS_REJECT_UNAUTHORIZED quoted in legacy ENV',
        code: df('FROM node:24-slim', 'ENV NODE_TLS_REJECT_UNAUTHORIZED "0"'),
        lines: [2],
      },
      {
        name: 'GIT_SSL_NO_VERIFY in ENV, any value',
        code: df('FROM alpine:3.22', 'ENV GIT_SSL_NO_VERIFY=1'),
        lines: [2],
      },
      {
        name: 'PYTHONHTTPSVERIFY=0',
        code: df('FROM python:3.13-slim', 'ENV PYTHONHTTPSVERIFY=0'),
        lines: [2],
      },
      {
        name: 'NPM_CONFIG_STRICT_SSL=false',
        code: df('FROM node:24-slim', 'ENV NPM_CONFIG_STRICT_SSL=false'),
        lines: [2],
      },
      {
        name: 'PIP_TRUSTED_HOST',
        code: df('FROM python:3.13-slim', 'ENV PIP_TRUSTED_HOST=pypi.example.com'),
        lines: [2],
      },
      {
        name: 'an ARG with a value',
        code: df('FROM node:24-slim', 'ARG NODE_TLS_REJECT_UNAUTHORIZED=0', 'RUN npm ci'),
        lines: [2],
      },
      {
        name: 'a global ARG',
        code: df('ARG GIT_SSL_NO_VERIFY=1', 'FROM alpine:3.22'),
        lines: [1],
        messageIncludes: 'the global ARGs',
      },
      {
        name: 'yum repository sslverify=0',
        code: run('echo "sslverify=0" >> /etc/yum.repos.d/internal.repo'),
        lines: [2],
      },
      {
        name: 'dnf --setopt=sslverify=false',
        code: run('dnf install -y --setopt=sslverify=false app'),
        lines: [2],
      },
      {
        name: 'apt Verify-Peer false',
        code: run(`echo 'Acquire::https::Verify-Peer "false";' > /etc/apt/apt.conf.d/99insecure`),
        lines: [2],
      },
      {
        name: 'apt -o Verify-Peer=false',
        code: run('apt-get -o Acquire::https::Verify-Peer=false update'),
        lines: [2],
      },
      { name: 'insecure in .curlrc', code: run('echo insecure >> ~/.curlrc'), lines: [2] },
      {
        name: 'kubectl --insecure-skip-tls-verify',
        code: run('kubectl --insecure-skip-tls-verify apply -f x.yaml'),
        lines: [2],
      },
      {
        name: 'skopeo --tls-verify=false',
        code: run('skopeo copy --src-tls-verify=false --tls-verify=false docker://a docker://b'),
        lines: [2],
      },
      { name: 'GOINSECURE', code: df('FROM golang:1.26', 'ENV GOINSECURE=git.example.com'), lines: [2] },
      { name: 'composer secure-http false', code: run('composer config -g secure-http false'), lines: [2] },
      {
        name: 'several switches on one RUN: one finding',
        code: run('curl -k https://a.example.com && wget --no-check-certificate https://b.example.com'),
        lines: [2],
        messageIncludes: 'curl -k (--insecure), wget --no-check-certificate',
      },
      {
        name: 'lower-case with a continuation',
        code: df('from debian:13-slim', 'run curl -fsSL \\', '    --insecure https://example.com'),
        lines: [2],
      },
      {
        name: 'a heredoc',
        code: df('FROM debian:13-slim', 'RUN <<EOF', 'set -e', 'curl -k https://example.com', 'EOF'),
        lines: [2],
      },
      {
        name: 'a build stage too',
        code: df(
          'FROM node:24 AS build',
          'RUN npm config set strict-ssl false && npm ci',
          'FROM node:24-slim',
        ),
        lines: [2],
      },
      {
        name: 'an environment prefix spread over ENV lines',
        code: df(
          'FROM node:24-slim',
          'ENV A=1',
          'ENV PYTHONHTTPSVERIFY=0 B=2',
          'ENV NODE_TLS_REJECT_UNAUTHORIZED=0',
        ),
        lines: [3, 4],
      },
    ],
  },
});
