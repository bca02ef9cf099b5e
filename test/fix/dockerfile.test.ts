// Dockerfile fixes, text in → text out: ADD of local files becomes COPY, and the final stage gets a non-root
// numeric USER (with the user created by the base image's own tool). A re-scan shows the fixed findings gone
// and every other finding unchanged.
import { describe, expect, it } from 'vitest';
import { DOCKERFILE_FIXES, fixDockerfile } from '../../src/fix/dockerfile.js';
import { DEFAULT_FIX_VALUES, type FixValues, type TextFixResult } from '../../src/fix/types.js';
import { expectFixed, findings } from './fix-tester.js';
import { makeTempDir } from '../temp-dir.js';

const tempDir = (): string => makeTempDir('dt10-fix-dockerfile');

/**
 * Fixes the findings of `rules` in `before`, checks the text, and that a re-scan lost exactly those
 * findings and kept every other one.
 */
function expectFix(
  before: string,
  after: string,
  rules: readonly string[] = DOCKERFILE_FIXES,
  values: FixValues = DEFAULT_FIX_VALUES,
  name = 'Dockerfile',
): Promise<TextFixResult> {
  return expectFixed({ fixer: fixDockerfile, name, dir: tempDir(), rules, values }, before, after);
}

const D01 = ['D01.image-root-user'];
const D04 = ['D04.add-instead-of-copy'];
const fixAll = (text: string, requests: { ruleId: string; line: number }[]): TextFixResult =>
  fixDockerfile(text, requests, { rules: DOCKERFILE_FIXES, values: DEFAULT_FIX_VALUES });

describe('D01.image-root-user', () => {
  it('creates the user with BusyBox tools on Alpine and sets USER before the closing CMD and its comment', async () => {
    const fixed = await expectFix(
      'FROM alpine:3.20\nRUN apk add --no-cache curl\n\n# start the app\nCMD ["sh"]\n# end of file\n\n',
      'FROM alpine:3.20\nRUN apk add --no-cache curl\n\nRUN addgroup -g 10001 app && adduser -D -H -u 10001 -G app app\nUSER 10001:10001\n# start the app\nCMD ["sh"]\n# end of file\n\n',
      D01,
    );
    expect(fixed.applied).toEqual([{ ruleId: 'D01.image-root-user', target: 'the final stage' }]);
  });

  it('replaces a final USER root with useradd on a Debian-based official image, and uses the configured UID', async () => {
    await expectFix(
      'FROM python:3.13-slim\nWORKDIR /app\nUSER root\nENTRYPOINT ["python", "-m", "app"]\n',
      'FROM python:3.13-slim\nWORKDIR /app\nRUN groupadd -g 20000 app && useradd -l -u 20000 -g 20000 -M -s /usr/sbin/nologin app\nUSER 20000:20000\nENTRYPOINT ["python", "-m", "app"]\n',
      D01,
      { ...DEFAULT_FIX_VALUES, uid: 20000 },
    );
  });

  it('replaces USER 0 in place when no user needs creating (distroless)', async () => {
    await expectFix(
      'FROM gcr.io/distroless/static-debian12\nCOPY app /app\nUSER 0:0\nENTRYPOINT ["/app"]\n',
      'FROM gcr.io/distroless/static-debian12\nCOPY app /app\nUSER 10001:10001\nENTRYPOINT ["/app"]\n',
      D01,
    );
  });

  it('keeps USER root that a later RUN needs, and adds the user at the end (no trailing newline kept)', async () => {
    await expectFix(
      'FROM ubuntu:24.04\nUSER root\nRUN apt-get update && apt-get install -y --no-install-recommends ca-certificates',
      'FROM ubuntu:24.04\nUSER root\nRUN apt-get update && apt-get install -y --no-install-recommends ca-certificates\nRUN groupadd -g 10001 app && useradd -l -u 10001 -g 10001 -M -s /usr/sbin/nologin app\nUSER 10001:10001',
      D01,
    );
  });

  it('fixes the final stage only: the build stage and COPY --from stay, scratch gets a numeric USER', async () => {
    const build = 'FROM golang:1.24 AS build\nUSER root\nRUN go build -o /out/app ./cmd/app\n\n';
    await expectFix(
      `${build}FROM scratch\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n`,
      `${build}FROM scratch\nCOPY --from=build /out/app /app\nUSER 10001:10001\nENTRYPOINT ["/app"]\n`,
      D01,
    );
  });

  it('follows FROM <stage> to the base image, and sets USER where the root USER was inherited', async () => {
    await expectFix(
      'FROM alpine:3.20 AS base\nUSER root\nRUN apk add --no-cache tini\n\nFROM base\nCOPY app /app\n',
      'FROM alpine:3.20 AS base\nUSER root\nRUN apk add --no-cache tini\n\nFROM base\nCOPY app /app\nRUN addgroup -g 10001 app && adduser -D -H -u 10001 -G app app\nUSER 10001:10001\n',
      D01,
    );
  });

  it('tells the family from the package manager when the base image name says nothing', async () => {
    await expectFix(
      'FROM registry.example.com/base/runtime:2\nRUN apk add --no-cache curl\n',
      'FROM registry.example.com/base/runtime:2\nRUN apk add --no-cache curl\nRUN addgroup -g 10001 app && adduser -D -H -u 10001 -G app app\nUSER 10001:10001\n',
      D01,
    );
    await expectFix(
      'FROM registry.example.com/base/runtime:2\nCOPY app /app\n',
      'FROM registry.example.com/base/runtime:2\nCOPY app /app\nUSER 10001:10001\n',
      D01,
    );
  });

  it('uses useradd on the RHEL family, BusyBox tools on busybox, and only a numeric USER on a minimal UBI', async () => {
    const useradd = 'RUN groupadd -g 10001 app && useradd -l -u 10001 -g 10001 -M -s /usr/sbin/nologin app\n';
    await expectFix(
      'FROM rockylinux/rockylinux:9\nCMD ["/app"]\n',
      `FROM rockylinux/rockylinux:9\n${useradd}USER 10001:10001\nCMD ["/app"]\n`,
      D01,
    );
    await expectFix(
      'FROM busybox:1.37\nCMD ["/app"]\n',
      'FROM busybox:1.37\nRUN addgroup -g 10001 app && adduser -D -H -u 10001 -G app app\nUSER 10001:10001\nCMD ["/app"]\n',
      D01,
    );
    await expectFix(
      'FROM registry.access.redhat.com/ubi9/ubi-minimal:9.5\nRUN microdnf install -y tar\nCMD ["/app"]\n',
      'FROM registry.access.redhat.com/ubi9/ubi-minimal:9.5\nRUN microdnf install -y tar\nUSER 10001:10001\nCMD ["/app"]\n',
      D01,
    );
  });

  it('switches to the user the Dockerfile already creates, by its numeric ids', async () => {
    await expectFix(
      'FROM debian:12-slim\nRUN groupadd -g 2000 web && useradd -u 1500 -g web web\nCMD ["/app"]\n',
      'FROM debian:12-slim\nRUN groupadd -g 2000 web && useradd -u 1500 -g web web\nUSER 1500:2000\nCMD ["/app"]\n',
      D01,
    );
    // A user without a known UID is not reused; the new one takes another name.
    await expectFix(
      'FROM alpine:3.20\nRUN adduser -D app\nCMD ["/app"]\n',
      'FROM alpine:3.20\nRUN adduser -D app\nRUN addgroup -g 10001 app10001 && adduser -D -H -u 10001 -G app10001 app10001\nUSER 10001:10001\nCMD ["/app"]\n',
      D01,
    );
  });

  it('does not replace USER root with a user creation that would run as a non-root user', async () => {
    await expectFix(
      'FROM debian:12\nUSER nobody\nUSER root\nCMD ["/app"]\n',
      'FROM debian:12\nUSER nobody\nUSER root\nRUN groupadd -g 10001 app && useradd -l -u 10001 -g 10001 -M -s /usr/sbin/nologin app\nUSER 10001:10001\nCMD ["/app"]\n',
      D01,
    );
  });

  it('skips a Windows image, whose USER is an account name', () => {
    const text = 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY app C:/app\n';
    expect(fixAll(text, [{ ruleId: 'D01.image-root-user', line: 1 }])).toEqual({
      text,
      applied: [],
      skipped: [
        {
          ruleId: 'D01.image-root-user',
          line: 1,
          reason: 'a Windows base image takes an account name as USER: set it by hand',
        },
      ],
    });
  });
});

describe('D04.add-instead-of-copy', () => {
  it('turns ADD of local files into COPY in every stage, keeping flags, case, heredocs and exec form', async () => {
    await expectFix(
      'FROM golang:1.24 AS build\nadd go.mod go.sum ./\n\nFROM alpine:3.20\nAdd --chown=root:root --chmod=0644 --link config.yaml /etc/app/\nADD ["my file.txt", "/srv/"]\nADD <<EOF /etc/motd\nhello\nEOF\nADD vendor.tar.gz /opt/vendor/\nADD https://example.com/tool.sh /usr/local/bin/tool.sh\nCOPY --from=build /go/bin/app /app\nUSER 10001\n',
      'FROM golang:1.24 AS build\ncopy go.mod go.sum ./\n\nFROM alpine:3.20\nCopy --chown=root:root --chmod=0644 --link config.yaml /etc/app/\nCOPY ["my file.txt", "/srv/"]\nCOPY <<EOF /etc/motd\nhello\nEOF\nADD vendor.tar.gz /opt/vendor/\nADD https://example.com/tool.sh /usr/local/bin/tool.sh\nCOPY --from=build /go/bin/app /app\nUSER 10001\n',
      D04,
    );
  });

  it('skips an ADD that also unpacks an archive, and ADD flags COPY does not have', () => {
    const text = 'FROM alpine:3.20\nADD app.conf rootfs.tar.gz /\nADD --checksum=sha256:abc app.conf /etc/\n';
    expect(
      fixAll(text, [
        { ruleId: 'D04.add-instead-of-copy', line: 2 },
        { ruleId: 'D04.add-instead-of-copy', line: 3 },
      ]),
    ).toEqual({
      text,
      applied: [],
      skipped: [
        {
          ruleId: 'D04.add-instead-of-copy',
          line: 2,
          reason: 'ADD also fetches or unpacks rootfs.tar.gz: split it into a COPY and an ADD by hand',
        },
        { ruleId: 'D04.add-instead-of-copy', line: 3, reason: 'COPY has no --checksum: change it by hand' },
      ],
    });
  });
});

describe('both fixes', () => {
  it('keep the escape directive, backtick continuations, lower case and CRLF line breaks', async () => {
    await expectFix(
      '# escape=`\r\nfrom alpine:3.20\r\nrun apk add --no-cache `\r\n    curl jq\r\nadd app.conf /etc/app/\r\ncmd ["/app"]',
      '# escape=`\r\nfrom alpine:3.20\r\nrun apk add --no-cache `\r\n    curl jq\r\ncopy app.conf /etc/app/\r\nrun addgroup -g 10001 app && adduser -D -H -u 10001 -G app app\r\nuser 10001:10001\r\ncmd ["/app"]',
    );
  });

  it('leave a Containerfile that is already fine unchanged', async () => {
    const text =
      'FROM alpine:3.20\nRUN addgroup -g 10001 app && adduser -D -H -u 10001 -G app app\nCOPY app /app\nUSER 10001:10001\nCMD ["/app"]\n';
    const dir = tempDir();
    const found = await findings('Containerfile', text, dir);
    expect(found.filter((f) => DOCKERFILE_FIXES.includes(f.ruleId))).toEqual([]);
    expect(fixAll(text, [])).toEqual({ text, applied: [], skipped: [] });
    // Asked anyway (a stale finding), the fix finds nothing to do.
    expect(fixAll(text, [{ ruleId: 'D01.image-root-user', line: 1 }])).toEqual({
      text,
      applied: [],
      skipped: [],
    });
  });

  it('fix every finding of both rules in examples/insecure/Dockerfile', async () => {
    const fixed = await expectFix(
      INSECURE,
      INSECURE.replace('ADD config.json ./', 'COPY config.json ./').replace(
        'CMD ["node", "dist/server.js"]',
        'RUN groupadd -g 10001 app && useradd -l -u 10001 -g 10001 -M -s /usr/sbin/nologin app\nUSER 10001:10001\nCMD ["node", "dist/server.js"]',
      ),
    );
    expect(fixed.applied).toEqual([
      { ruleId: 'D04.add-instead-of-copy', target: 'ADD on line 30' },
      { ruleId: 'D01.image-root-user', target: 'the final stage' },
    ]);
  });

  it('report a rule they have no fix for', () => {
    const text = 'FROM alpine:3.20\n';
    expect(fixAll(text, [{ ruleId: 'D08.latest-tag', line: 1 }]).skipped).toEqual([
      { ruleId: 'D08.latest-tag', line: 1, reason: 'no Dockerfile fix for D08.latest-tag' },
    ]);
  });
});

/** examples/insecure/Dockerfile as committed. */
const INSECURE = `# A deliberately insecure image build. dt10 reports every line marked "dt10:".
# dt10: D08.latest-tag and D08.no-digest: no tag means whatever latest is today
FROM node AS build
# dt10: D06.secret-in-env: a registry token in an ARG lands in the Dockerfile and the build history
ARG NPM_TOKEN=not-a-real-token-4f9a7c1e2b8d
WORKDIR /src
# dt10: D06.secret-file: .npmrc copied into a layer (of a build stage: medium)
COPY .npmrc package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

# dt10: D01.image-root-user (no USER), D02.base-image-eol (Node.js 16 on Debian 10), D04.no-healthcheck,
# dt10: D08.no-digest
FROM node:16-buster-slim
# dt10: D06.secret-in-env and D08.tls-verification-disabled: both stay in every container
ENV DB_PASSWORD=Summer2024-shop NODE_TLS_REJECT_UNAUTHORIZED=0
# dt10: D02.apt-update-alone and D04.package-cache: a cached index, and the lists left in the layer
RUN apt-get update
# dt10: D01.sudo, D03.ssh-exposed, D04.install-recommends, D04.package-cache, D08.signature-check-disabled
RUN apt-get install -y --allow-unauthenticated sudo openssh-server curl
# dt10: D02.dist-upgrade
RUN apt-get update && apt-get dist-upgrade -y && rm -rf /var/lib/apt/lists/*
# dt10: D08.curl-pipe-shell and D08.tls-verification-disabled (curl -k)
RUN curl -fsSLk https://deb.example.com/setup.sh | bash -
# dt10: D06.secret-in-command: a password on the command line is in the image history
RUN curl -fsSL -u deploy:Winter2024-art -o /tmp/plugin.tgz https://artifacts.example.com/plugin.tgz
WORKDIR /app
# dt10: D04.add-instead-of-copy
ADD config.json ./
# dt10: D08.remote-add: no --checksum
ADD https://artifacts.example.com/tools/healthcheck /usr/local/bin/healthcheck
COPY --from=build /src/dist ./dist
# dt10: D09.writable-app-files: world-writable application files
RUN chmod -R 777 /app
# dt10: D03.ssh-exposed
EXPOSE 22 8080
CMD ["node", "dist/server.js"]
`;
