// findConfig: the nearest `.dt10.yaml` at or above a path, not past a repository's top directory.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findConfig } from '../../src/config/find.js';
import { tempTree } from './temp.js';

describe('findConfig', () => {
  it('walks up from a directory to the nearest config file', async () => {
    const root = await tempTree({ '.dt10.yaml': '', 'a/b/c/': '' });
    expect(await findConfig(join(root, 'a/b/c'))).toBe(join(root, '.dt10.yaml'));
  });

  it('starts from the directory of a file', async () => {
    const root = await tempTree({ 'app/.dt10.yml': '', 'app/Dockerfile': 'FROM alpine\n', '.dt10.yaml': '' });
    expect(await findConfig(join(root, 'app/Dockerfile'))).toBe(join(root, 'app/.dt10.yml'));
  });

  it('starts from the parent of a path that does not exist', async () => {
    const root = await tempTree({ '.dt10.yaml': '' });
    expect(await findConfig(join(root, 'missing.yaml'))).toBe(join(root, '.dt10.yaml'));
  });

  it('takes the nearest file, and .dt10.yaml before .dt10.yml in one directory', async () => {
    const root = await tempTree({
      '.dt10.yaml': '',
      'sub/.dt10.yaml': '',
      'sub/.dt10.yml': '',
      'sub/x/': '',
    });
    expect(await findConfig(join(root, 'sub/x'))).toBe(join(root, 'sub/.dt10.yaml'));
  });

  it('finds a config in the directory holding .git, and nothing above it', async () => {
    const root = await tempTree({ '.dt10.yaml': '', 'repo/.git/': '', 'repo/src/': '', 'other/.git/': '' });
    expect(await findConfig(join(root, 'repo/src'))).toBeUndefined();
    const withConfig = await tempTree({ 'repo/.git/': '', 'repo/.dt10.yml': '', 'repo/src/': '' });
    expect(await findConfig(join(withConfig, 'repo/src'))).toBe(join(withConfig, 'repo/.dt10.yml'));
  });

  it('stops at a .git file too (worktrees, submodules)', async () => {
    const root = await tempTree({
      '.dt10.yaml': '',
      'module/.git': 'gitdir: ../.git/modules/m\n',
      'module/x/': '',
    });
    expect(await findConfig(join(root, 'module/x'))).toBeUndefined();
  });

  it('ignores a directory named .dt10.yaml', async () => {
    const root = await tempTree({ '.dt10.yaml': '', 'sub/.dt10.yaml/': '' });
    expect(await findConfig(join(root, 'sub'))).toBe(join(root, '.dt10.yaml'));
  });

  it('stops at the filesystem root when no directory has a config or .git', async () => {
    // Nothing above the temporary directory is expected to hold a .dt10.yaml.
    const root = await tempTree({ 'a/b/': '' });
    expect(await findConfig(join(root, 'a/b'))).toBeUndefined();
    expect(await findConfig('/')).toBeUndefined();
  });
});
