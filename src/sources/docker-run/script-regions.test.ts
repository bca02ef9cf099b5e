import { describe, expect, it } from 'vitest';
import { makefileRecipes, markdownShellBlocks, type MaskedScript } from './script-regions.js';

/** Each region's text, blank lines and trailing blanks dropped. */
function regions(script: MaskedScript): string[] {
  return script.regions.map(({ start, end }) =>
    script.text
      .slice(start, end)
      .split('\n')
      .map((line) => line.trimEnd())
      .filter((line) => line.trim() !== '')
      .join('\n'),
  );
}

describe('makefileRecipes', () => {
  const makefile = [
    'IMAGE ?= app:1',
    'RUN = docker run --privileged $(IMAGE)',
    '',
    'run: build',
    '\t@echo starting',
    '\t-docker run --rm \\',
    '  -p 80:80 \\',
    '\t  $(IMAGE)',
    '\t+@ docker create x',
    '# a comment',
    'test:',
    '\tdocker run y',
  ].join('\n');

  it('keeps recipe lines and the lines they continue onto, without @, - and +', () => {
    const script = makefileRecipes(makefile);
    expect(script.text).toHaveLength(makefile.length);
    expect(regions(script)).toEqual([
      'echo starting',
      'docker run --rm \\\n  -p 80:80 \\\n\t  $(IMAGE)',
      'docker create x',
      'docker run y',
    ]);
  });

  it('keeps every offset: a kept character stays where it was', () => {
    const script = makefileRecipes(makefile);
    const at = makefile.indexOf('docker run --rm');
    expect(script.text.slice(at, at + 15)).toBe('docker run --rm');
    expect(script.text.split('\n')).toHaveLength(makefile.split('\n').length);
  });
});

describe('markdownShellBlocks', () => {
  it('keeps the bodies of shell code blocks only', () => {
    const markdown = [
      '# Run it',
      'Run `docker run x` like this:',
      '```bash',
      'docker run --rm \\',
      '  -p 80:80 web',
      '```',
      '```python',
      'os.system("docker run evil")',
      '```',
      '~~~~ sh {.line-numbers}',
      'docker run a',
      '~~~~',
      '  ```Shell',
      '  docker run b',
      '  ```',
      '```',
      'docker run untyped',
      '```',
      '```zsh',
      '```',
    ].join('\n');
    const script = markdownShellBlocks(markdown);
    expect(script.text).toHaveLength(markdown.length);
    expect(regions(script)).toEqual(['docker run --rm \\\n  -p 80:80 web', 'docker run a', '  docker run b']);
  });

  it('drops prompts and, in a session, the output between commands', () => {
    const markdown = [
      '```console',
      '$ docker run -d \\',
      '>   --name web nginx',
      'a1b2c3',
      '$ docker ps',
      'CONTAINER ID   IMAGE',
      '```',
      '```sh',
      '$ docker run x',
      "it's output",
      '```',
      '```bash',
      'docker run y',
      '```',
    ].join('\n');
    expect(regions(markdownShellBlocks(markdown))).toEqual([
      '  docker run -d \\\n    --name web nginx\n  docker ps',
      '  docker run x',
      'docker run y',
    ]);
  });

  it('reads a block left open up to the end of the file', () => {
    expect(regions(markdownShellBlocks('```sh\ndocker run x\n'))).toEqual(['docker run x']);
  });
});
