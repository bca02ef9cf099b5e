import { describe, expect, it } from 'vitest';
import type { BuildSpec } from '../../subjects/build-spec.js';
import { DockerfileError, loadDockerfile } from './load.js';

const df = (...lines: string[]) => `${lines.join('\n')}\n`;
const load = (text: string): BuildSpec => loadDockerfile(text, 'Dockerfile');
/** Every instruction as `line:column KEYWORD text`. */
const listing = (spec: BuildSpec) =>
  spec.stages.flatMap((s) => s.instructions.map((i) => `${i.at.line}:${i.at.column} ${i.keyword} ${i.text}`));

function dockerfileError(text: string): DockerfileError {
  try {
    load(text);
  } catch (error) {
    expect(error).toBeInstanceOf(DockerfileError);
    return error as DockerfileError;
  }
  throw new Error('expected a DockerfileError');
}

describe('loadDockerfile: stages', () => {
  it('reads one stage from an image', () => {
    const spec = load(df('FROM node:20-alpine', 'USER node'));
    expect(spec.kind).toBe('build');
    expect(spec.path).toBe('Dockerfile');
    expect(spec.stages).toHaveLength(1);
    expect(spec.finalStage).toBe(0);
    const stage = spec.stages[0]!;
    expect(stage.index).toBe(0);
    expect(stage.name).toBeUndefined();
    expect(stage.from).toEqual({ value: 'node:20-alpine', at: { path: 'Dockerfile', line: 1, column: 1 } });
    expect(stage.base).toMatchObject({
      kind: 'image',
      image: { repository: 'library/node', tag: '20-alpine' },
    });
    expect(stage.user).toEqual({ value: 'node', at: { path: 'Dockerfile', line: 2, column: 1 } });
  });

  it('names stages with `AS` (lower-cased) and links `FROM <stage>` to the stage', () => {
    const spec = load(
      df(
        'FROM golang:1.22 AS Build',
        'RUN go build -o /app',
        'FROM build as test',
        'RUN go test',
        'FROM gcr.io/distroless/static AS final',
        'COPY --from=build /app /app',
      ),
    );
    expect(spec.stages.map((s) => s.name)).toEqual(['build', 'test', 'final']);
    expect(spec.stages[1]!.base).toEqual({ kind: 'stage', stageIndex: 0 });
    expect(spec.stages[2]!.base).toMatchObject({ kind: 'image', image: { registry: 'gcr.io' } });
    expect(spec.finalStage).toBe(2);
    const copy = spec.stages[2]!.instructions[1]!;
    expect(copy.keyword).toBe('COPY');
    expect(copy.flags).toEqual({ from: 'build' });
    expect(copy.text).toBe('/app /app');
  });

  it('matches a stage reference whatever its case', () => {
    const spec = load(df('FROM alpine AS Base', 'FROM BASE'));
    expect(spec.stages[1]!.base).toEqual({ kind: 'stage', stageIndex: 0 });
  });

  it('only links to stages defined before, not to an image of the same name later', () => {
    const spec = load(df('FROM app', 'FROM alpine AS app'));
    expect(spec.stages[0]!.base.kind).toBe('image');
  });

  it('reads `FROM scratch` as scratch, whatever its case', () => {
    expect(load(df('FROM scratch')).stages[0]!.base).toEqual({ kind: 'scratch' });
    expect(load(df('FROM SCRATCH')).stages[0]!.base).toEqual({ kind: 'scratch' });
  });

  it('takes `--platform` as a flag of FROM, not as the image', () => {
    const spec = load(df('FROM --platform=$BUILDPLATFORM golang:1.22 AS build'));
    const stage = spec.stages[0]!;
    expect(stage.from.value).toBe('golang:1.22');
    expect(stage.name).toBe('build');
    expect(stage.instructions[0]!.flags).toEqual({ platform: '$BUILDPLATFORM' });
  });

  it('keeps instructions in their stage', () => {
    const spec = load(df('FROM a AS one', 'RUN x', 'FROM b', 'RUN y', 'RUN z'));
    expect(spec.stages.map((s) => s.instructions.map((i) => i.keyword))).toEqual([
      ['FROM', 'RUN'],
      ['FROM', 'RUN', 'RUN'],
    ]);
  });

  it('keeps the last USER of each stage, not one inherited', () => {
    const spec = load(df('FROM a AS one', 'USER root', 'USER app', 'FROM one'));
    expect(spec.stages[0]!.user?.value).toBe('app');
    expect(spec.stages[0]!.user?.at.line).toBe(3);
    expect(spec.stages[1]!.user).toBeUndefined();
  });
});

describe('loadDockerfile: ARG and variables', () => {
  it('substitutes ARGs declared before the first FROM into FROM', () => {
    const spec = load(
      df(
        'ARG REGISTRY=ghcr.io',
        'ARG TAG=3.20',
        'FROM ${REGISTRY}/org/alpine:$TAG',
        'FROM alpine:${MISSING:-3.19}',
      ),
    );
    expect(spec.globalArgs.map((a) => `${a.value}@${a.at.line}`)).toEqual(['REGISTRY@1', 'TAG@2']);
    expect(spec.stages[0]!.from.value).toBe('ghcr.io/org/alpine:3.20');
    expect(spec.stages[0]!.base).toMatchObject({
      kind: 'image',
      image: { registry: 'ghcr.io', tag: '3.20' },
    });
    expect(spec.stages[1]!.from.value).toBe('alpine:3.19');
  });

  it('lets a global ARG default use the ARGs declared before it', () => {
    const spec = load(df('ARG VERSION=3.20', 'ARG IMAGE=alpine:${VERSION}', 'FROM $IMAGE'));
    expect(spec.stages[0]!.from.value).toBe('alpine:3.20');
  });

  it('keeps an ARG without a default visible and marks the image unresolved', () => {
    const spec = load(df('ARG BASE', 'FROM $BASE'));
    expect(spec.stages[0]!.from.value).toBe('$BASE');
    expect(spec.stages[0]!.base).toMatchObject({ kind: 'image', image: { unresolved: true } });
  });

  it('substitutes an ARG declared empty as empty', () => {
    expect(load(df('ARG SUFFIX=', 'FROM alpine$SUFFIX')).stages[0]!.from.value).toBe('alpine');
    expect(load(df('ARG T=', 'FROM alpine:${T:-3.20}')).stages[0]!.from.value).toBe('alpine:3.20');
  });

  it('applies `${VAR:+word}` as "word when set"', () => {
    const spec = load(df('ARG SLIM=1', 'ARG NONE=', 'FROM python:3.12${SLIM:+-slim}${NONE:+-nope}'));
    expect(spec.stages[0]!.from.value).toBe('python:3.12-slim');
  });

  it('reads several ARGs on one line and quoted defaults', () => {
    const spec = load(df('ARG A=1 B="alpine" C', 'FROM ${B}:3.${A}'));
    expect(spec.globalArgs.map((a) => a.value)).toEqual(['A', 'B', 'C']);
    expect(spec.stages[0]!.from.value).toBe('alpine:3.1');
  });

  it('substitutes an ARG declared inside the stage into USER', () => {
    const spec = load(df('FROM alpine', 'ARG UID=0', 'USER ${UID}'));
    expect(spec.stages[0]!.user?.value).toBe('0');
  });

  it('does not let a global ARG reach USER unless the stage declares it again', () => {
    const notRedeclared = load(df('ARG UID=0', 'FROM alpine', 'USER $UID'));
    expect(notRedeclared.stages[0]!.user?.value).toBe('$UID');
    const redeclared = load(df('ARG UID=0', 'FROM alpine', 'ARG UID', 'USER $UID'));
    expect(redeclared.stages[0]!.user?.value).toBe('0');
  });

  it('substitutes ENV into USER, over an ARG of the same name, and passes ENV to child stages', () => {
    const spec = load(
      df(
        'FROM alpine AS base',
        'ARG APP_USER=root',
        'ENV APP_USER=app HOME=/home/app',
        'USER $APP_USER',
        'FROM base',
        'USER ${APP_USER}:${GROUP:-app}',
        'FROM alpine',
        'USER $APP_USER',
      ),
    );
    expect(spec.stages.map((s) => s.user?.value)).toEqual(['app', 'app:app', '$APP_USER']);
  });

  it('reads the legacy `ENV name value` form', () => {
    const spec = load(df('FROM alpine', 'ENV RUNNER some user', 'USER $RUNNER'));
    expect(spec.stages[0]!.user?.value).toBe('some user');
  });

  it('does not leak a stage ARG into the next stage', () => {
    const spec = load(df('FROM alpine AS a', 'ARG U=root', 'FROM a', 'USER $U'));
    expect(spec.stages[1]!.user?.value).toBe('$U');
  });
});

describe('loadDockerfile: syntax', () => {
  it('reads lower-case and mixed-case instructions, keyword upper-cased', () => {
    const spec = load(df('from alpine as build', 'Run echo hi', 'user app'));
    expect(listing(spec)).toEqual(['1:1 FROM alpine as build', '2:1 RUN echo hi', '3:1 USER app']);
    expect(spec.stages[0]!.name).toBe('build');
    expect(spec.stages[0]!.user?.value).toBe('app');
  });

  it('gives every instruction its line and column, after comments, blanks and indentation', () => {
    const spec = load(
      df('# syntax=docker/dockerfile:1', '', 'FROM alpine', '', '# comment', '   RUN a', '\tUSER b'),
    );
    expect(listing(spec)).toEqual(['3:1 FROM alpine', '6:4 RUN a', '7:2 USER b']);
  });

  it('joins continuation lines, dropping comment and blank lines inside them', () => {
    const spec = load(
      df(
        'FROM alpine',
        'RUN apk add \\',
        '    # curl is needed for the healthcheck',
        '',
        '    curl \\  ',
        '    jq',
        'USER app',
      ),
    );
    const run = spec.stages[0]!.instructions[1]!;
    expect(run.text).toBe('apk add     curl     jq');
    expect(run.at.line).toBe(2);
    expect(spec.stages[0]!.user?.at.line).toBe(7);
  });

  it('follows the escape directive (backtick)', () => {
    const spec = load(
      df(
        '# escape=`',
        'FROM mcr.microsoft.com/windows/servercore:ltsc2022',
        'RUN dir `',
        '    C:\\',
        'COPY C:\\src\\ C:\\app\\',
      ),
    );
    expect(spec.escapeCharacter).toBe('`');
    expect(listing(spec)).toEqual([
      '2:1 FROM mcr.microsoft.com/windows/servercore:ltsc2022',
      '3:1 RUN dir     C:\\',
      '5:1 COPY C:\\src\\ C:\\app\\',
    ]);
  });

  it('reads the default escape as backslash', () => {
    expect(load(df('FROM alpine')).escapeCharacter).toBe('\\');
  });

  it('keeps heredoc bodies as written, with their line breaks, comments and backslashes', () => {
    const spec = load(
      df(
        'FROM alpine',
        'RUN <<EOF',
        'apk add curl \\',
        '# not a Dockerfile comment',
        '  jq',
        'EOF',
        'COPY <<-CONF /etc/app.conf',
        '\tkey=value',
        '\tCONF',
        'USER app',
      ),
    );
    const [, run, copy] = spec.stages[0]!.instructions;
    expect(run!.text).toBe('<<EOF\napk add curl \\\n# not a Dockerfile comment\n  jq\nEOF');
    expect(run!.execForm).toBe(false);
    expect(copy!.text).toBe('<<-CONF /etc/app.conf\n\tkey=value\n\tCONF');
    expect(copy!.at.line).toBe(7);
    expect(spec.stages[0]!.user).toEqual({ value: 'app', at: { path: 'Dockerfile', line: 10, column: 1 } });
  });

  it('tells exec form (a JSON array of strings) from shell form', () => {
    const spec = load(
      df(
        'FROM alpine',
        'CMD ["node", "server.js"]',
        'ENTRYPOINT ["/bin/sh","-c"]',
        'RUN [ "echo", "spaced" ]',
        'CMD node server.js',
        'CMD [not json',
        'CMD [1, 2]',
        'RUN [ -f /x ] && echo yes',
      ),
    );
    expect(spec.stages[0]!.instructions.slice(1).map((i) => i.execForm)).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
  });

  it('splits flags with values, quoted values and without a value', () => {
    const spec = load(
      df(
        'FROM alpine',
        'COPY --chown=app:app --chmod=755 --link src/ /app/',
        'RUN --mount=type=cache,target=/root/.cache --network=none pip install .',
        'ADD --checksum="sha256:abc" https://example.com/x /x',
      ),
    );
    const [, copy, run, add] = spec.stages[0]!.instructions;
    expect(copy!.flags).toEqual({ chown: 'app:app', chmod: '755', link: null });
    expect(copy!.text).toBe('src/ /app/');
    expect(run!.flags).toEqual({ mount: 'type=cache,target=/root/.cache', network: 'none' });
    expect(run!.text).toBe('pip install .');
    expect(add!.flags).toEqual({ checksum: 'sha256:abc' });
  });

  it('reads CRLF and lone CR line breaks', () => {
    const crlf = load('FROM alpine\r\nRUN a \\\r\n  b\r\nUSER x\r\n');
    expect(listing(crlf)).toEqual(['1:1 FROM alpine', '2:1 RUN a   b', '4:1 USER x']);
    const cr = load('FROM alpine\rRUN a\rUSER x\r');
    expect(listing(cr)).toEqual(['1:1 FROM alpine', '2:1 RUN a', '3:1 USER x']);
    expect(cr.stages[0]!.user?.value).toBe('x');
  });

  it('reads a file without a final line break', () => {
    expect(load('FROM alpine\nUSER app').stages[0]!.user?.value).toBe('app');
  });

  it('reads a byte order mark as nothing', () => {
    const spec = load('\uFEFFFROM alpine\nUSER app\n');
    expect(spec.stages[0]!.from.value).toBe('alpine');
    expect(spec.stages[0]!.user?.value).toBe('app');
  });

  it('reads ONBUILD as an instruction of its own', () => {
    const spec = load(df('FROM alpine', 'ONBUILD RUN echo hi'));
    expect(spec.stages[0]!.instructions[1]).toMatchObject({ keyword: 'ONBUILD', text: 'RUN echo hi' });
  });
});

describe('loadDockerfile: errors', () => {
  it('rejects a file without FROM', () => {
    expect(dockerfileError('').line).toBe(1);
    expect(dockerfileError('# only a comment\n').line).toBe(1);
    expect(dockerfileError(df('ARG A=1')).message).toMatch(/no FROM/);
  });

  it('rejects an instruction before the first FROM, at its line', () => {
    const error = dockerfileError(df('# c', 'RUN echo', 'FROM alpine'));
    expect(error.line).toBe(2);
    expect(error.message).toMatch(/RUN before the first FROM/);
  });

  it('rejects FROM without an image, at its line', () => {
    const error = dockerfileError(df('FROM alpine', 'FROM', 'RUN x'));
    expect(error.line).toBe(2);
    expect(error.message).toMatch(/FROM without an image/);
  });
});

describe('loadDockerfile: structured instructions', () => {
  const spec = loadDockerfile(
    [
      'ARG BASE=alpine:3.20',
      'FROM ${BASE} AS build',
      'ARG TOKEN',
      'ENV APP_HOME=/app GREETING="hello world"',
      'RUN --mount=type=secret,id=npm --mount=type=cache,target=/root/.npm npm ci',
      'RUN ["sh", "-c", "echo hi"]',
      'FROM alpine:3.20',
      'COPY --from=BUILD --chown=app:app --chmod=0644 /src/a /src/b ${APP_HOME:-/srv}/',
      'ADD https://example.com/x.tgz /tmp/',
      'COPY <<EOF /etc/motd',
      'hello',
      'EOF',
      'EXPOSE 22 8080/tcp',
      'HEALTHCHECK NONE',
      '',
    ].join('\n'),
    'Dockerfile',
  );
  const [build, final] = spec.stages;

  it('keeps ENV and ARG with their raw and expanded values', () => {
    expect(spec.globalVariables).toMatchObject([{ kind: 'arg', name: 'BASE', raw: 'alpine:3.20' }]);
    expect(
      build!.variables.map(({ kind, name, raw, value, at }) => [kind, name, raw, value, at.line]),
    ).toEqual([
      ['arg', 'TOKEN', undefined, undefined, 3],
      ['env', 'APP_HOME', '/app', '/app', 4],
      ['env', 'GREETING', '"hello world"', 'hello world', 4],
    ]);
  });

  it('keeps every --mount of a RUN and joins the exec form', () => {
    expect(
      build!.runs.map(({ command, execForm, mounts, at }) => [command, execForm, mounts, at.line]),
    ).toEqual([
      ['npm ci', false, ['type=secret,id=npm', 'type=cache,target=/root/.npm'], 5],
      ['sh -c echo hi', true, [], 6],
    ]);
  });

  it('splits COPY and ADD into sources, destination and flags; a stage name in --from is lower-cased', () => {
    expect(final!.copies).toEqual([
      {
        keyword: 'COPY',
        sources: ['/src/a', '/src/b'],
        destination: '/srv/',
        from: 'build',
        chown: 'app:app',
        chmod: '0644',
        heredoc: false,
        at: { path: 'Dockerfile', line: 8, column: 1 },
      },
      {
        keyword: 'ADD',
        sources: ['https://example.com/x.tgz'],
        destination: '/tmp/',
        heredoc: false,
        at: { path: 'Dockerfile', line: 9, column: 1 },
      },
      {
        keyword: 'COPY',
        sources: ['<<EOF'],
        destination: '/etc/motd',
        heredoc: true,
        at: { path: 'Dockerfile', line: 10, column: 1 },
      },
    ]);
  });

  it('reads EXPOSE ports and HEALTHCHECK NONE', () => {
    expect(final!.exposedPorts.map((p) => p.value)).toEqual(['22', '8080/tcp']);
    expect(final!.healthcheck).toEqual({ disabled: true, at: { path: 'Dockerfile', line: 14, column: 1 } });
    expect(build!.healthcheck).toBeUndefined();
  });
});
