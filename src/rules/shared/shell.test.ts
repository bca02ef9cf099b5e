import { describe, expect, it } from 'vitest';
import type { BuildRun } from '../../subjects/build-spec.js';
import { commandsOf, packageCommand, packageName, pipelinesOf, programOf, scriptOf } from './shell.js';

const at = { path: 'Dockerfile', line: 1, column: 1 };
const run = (command: string, execForm = false): BuildRun => ({
  command,
  execForm,
  mounts: [],
  mountImages: [],
  at,
});
const words = (script: string): string[][] => commandsOf(script).map((c) => c.words);

describe('scriptOf', () => {
  it('runs the body of a heredoc, without its markers and terminator', () => {
    expect(scriptOf(run('<<EOF\napt-get update\napt-get install -y \\\n  curl\nEOF'))).toBe(
      '\napt-get update\napt-get install -y    curl',
    );
    expect(scriptOf(run('<<-"SCRIPT" bash\n\techo hi\n\tSCRIPT'))).toBe(' bash\n\techo hi');
  });

  it('runs the -c argument of an exec-form shell', () => {
    expect(scriptOf(run('/bin/sh -c apt-get update && apt-get install -y curl', true))).toBe(
      'apt-get update && apt-get install -y curl',
    );
    expect(scriptOf(run('apk add curl', true))).toBe('apk add curl');
  });
});

describe('commandsOf and pipelinesOf', () => {
  it('splits at unquoted operators and removes quotes', () => {
    expect(words(`a "b && c" 'd;e' && f || g; h & i`)).toEqual([
      ['a', 'b && c', 'd;e'],
      ['f'],
      ['g'],
      ['h'],
      ['i'],
    ]);
    expect(words('a\\ b c')).toEqual([['a b', 'c']]);
  });

  it('keeps command substitutions as one word', () => {
    expect(words('mysql -p"$(cat /run/secrets/pw)" -e "select 1"')).toEqual([
      ['mysql', '-p$(cat /run/secrets/pw)', '-e', 'select 1'],
    ]);
    expect(words('echo `date +%s` done')).toEqual([['echo', '`date +%s`', 'done']]);
  });

  it('groups pipelines and reads the script of sh -c', () => {
    expect(pipelinesOf('curl -fsSL https://x | sh -').map((p) => p.map(programOf))).toEqual([['curl', 'sh']]);
    expect(words(`sh -c 'apt-get update && apt-get install -y curl'`)).toEqual([
      ['sh', '-c', 'apt-get update && apt-get install -y curl'],
      ['apt-get', 'update'],
      ['apt-get', 'install', '-y', 'curl'],
    ]);
  });

  it('skips comments in heredoc bodies', () => {
    expect(words('a # b c\nd')).toEqual([['a'], ['d']]);
    expect(words('curl https://x/#frag')).toEqual([['curl', 'https://x/#frag']]);
  });
});

describe('programOf', () => {
  it('skips assignments and wrappers', () => {
    const program = (script: string): string => programOf(commandsOf(script)[0]!);
    expect(program('DEBIAN_FRONTEND=noninteractive apt-get install -y x')).toBe('apt-get');
    expect(program('sudo -E -u app /usr/bin/apt-get install x')).toBe('apt-get');
    expect(program('env A=1 B=2 exec node server.js')).toBe('node');
  });
});

describe('packageCommand', () => {
  const parse = (script: string) => packageCommand(commandsOf(script)[0]!);

  it('reads the manager, the action, the options and the packages', () => {
    expect(
      parse('apt-get -o Dpkg::Options::=--force-confnew -y install --no-install-recommends curl=8.1 jq'),
    ).toMatchObject({
      manager: 'apt',
      tool: 'apt-get',
      action: 'install',
      options: ['-o', 'Dpkg::Options::=--force-confnew', '-y', '--no-install-recommends'],
      packages: ['curl', 'jq'],
    });
    expect(parse('apk add --no-cache --virtual .deps gcc musl-dev')).toMatchObject({
      manager: 'apk',
      action: 'add',
      packages: ['gcc', 'musl-dev'],
    });
    expect(parse('dnf -y install openssh-server')).toMatchObject({
      manager: 'yum',
      tool: 'dnf',
      packages: ['openssh-server'],
    });
    expect(parse('curl -o x https://x')).toBeUndefined();
    expect(parse('apt-get')).toBeUndefined();
  });

  it('removes version pins', () => {
    expect(['sudo=1.9', 'sudo>1', 'sudo~1.9', 'libc6:amd64', 'curl'].map(packageName)).toEqual([
      'sudo',
      'sudo',
      'sudo',
      'libc6',
      'curl',
    ]);
  });
});
