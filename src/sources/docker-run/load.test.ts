import { describe, expect, it } from 'vitest';
import { fileAt } from '../../../test/rule-tester.js';
import { loadRunLines } from './load.js';

const where = (text: string, kind: 'shell' | 'makefile' | 'markdown' = 'shell') =>
  loadRunLines(text, 'f', kind).map((w) => ({
    name: w.name,
    at: `${fileAt(w.at).line}:${fileAt(w.at).column}`,
    privileged: w.privileged && `${fileAt(w.privileged.at).line}:${fileAt(w.privileged.at).column}`,
  }));

describe('loadRunLines', () => {
  it('reads the scripts of sh -c, bash -ec and eval, at the place they are written', () => {
    const script = [
      `sh -c "docker run --name a --privileged x:1"`,
      `sudo bash -o pipefail -ec 'docker pull x:1 && docker run --name b \\`,
      `  --privileged x:1'`,
      `eval "docker run --name c \\"\\$IMAGE\\""`,
      `bash -c "sh -c 'docker run --name d --privileged x:1'"`,
      `bash script.sh "docker run --name not-a-script x:1"`,
    ].join('\n');
    expect(where(script)).toEqual([
      { name: 'a', at: '1:8', privileged: '1:28' },
      { name: 'b', at: '2:47', privileged: '3:3' },
      { name: 'c', at: '4:7', privileged: undefined },
      { name: 'd', at: '5:17', privileged: '5:37' },
    ]);
  });

  it('reads Makefile recipes with make variables unresolved', () => {
    const makefile = [
      'IMAGE ?= app:1',
      'RUN_FLAGS = --privileged',
      'run:',
      '\t@docker run --name web $(RUN_FLAGS) \\',
      '\t  --privileged $(IMAGE)',
      '\tid=$$(docker create --name job $(IMAGE)) && docker start $$id',
    ].join('\n');
    const found = loadRunLines(makefile, 'Makefile', 'makefile');
    expect(found.map((w) => [w.name, w.image?.value.raw, fileAt(w.at).line, fileAt(w.at).column])).toEqual([
      ['web', '$(IMAGE)', 4, 3],
      ['job', '$(IMAGE)', 6, 8],
    ]);
    expect(found[0]!.privileged?.at).toEqual({ path: 'Makefile', line: 5, column: 4 });
  });

  it('reads Markdown shell blocks, prompts stripped, other languages and prose left alone', () => {
    const markdown = [
      '# Run', // 1
      'Start it with `docker run --name inline x:1`.', // 2
      '```console', // 3
      '$ docker run --name web \\', // 4
      '>   --privileged nginx:1.27', // 5
      'Unable to find image locally', // 6
      '```', // 7
      '```dockerfile', // 8
      'RUN docker run --name build x:1', // 9
      '```', // 10
      '```bash', // 11
      'docker run --name api -d x:1 # starts it', // 12
      '```', // 13
      '```sh', // 14
      'docker run [OPTIONS] IMAGE [COMMAND]', // 15
      '```', // 16
    ].join('\n');
    expect(where(markdown, 'markdown')).toEqual([
      { name: 'web', at: '4:3', privileged: '5:5' },
      { name: 'api', at: '12:1', privileged: undefined },
    ]);
  });

  it('reads nothing from text that names no engine', () => {
    expect(loadRunLines('echo "hello"\nls -la\n', 'f', 'shell')).toEqual([]);
  });
});
