import { describe, expect, it } from 'vitest';
import { LayeredFilesystem } from './filesystem.js';
import type { ImageFile, ImageFileType } from './types.js';

const parts = (path: string) => path.split('/').filter(Boolean);
const entry = (path: string, layer: number, type: ImageFileType = 'file'): ImageFile => ({
  path,
  type,
  mode: type === 'directory' ? 0o755 : 0o644,
  uid: 0,
  gid: 0,
  size: 0,
  layer,
});

function build(layers: string[][]): LayeredFilesystem {
  const fs = new LayeredFilesystem();
  layers.forEach((paths, layer) => {
    for (const path of paths) {
      const name = parts(path).at(-1) ?? '';
      if (name === '.wh..wh..opq') fs.opaque(parts(path).slice(0, -1), layer);
      else if (name.startsWith('.wh.')) fs.whiteout(parts(path).slice(0, -1), name.slice(4), layer);
      else if (path.endsWith('/'))
        fs.add(parts(path), entry(`/${parts(path).join('/')}`, layer, 'directory'));
      else fs.add(parts(path), entry(path, layer));
    }
  });
  return fs;
}

const paths = (fs: LayeredFilesystem) => [...fs.finish().files.keys()];

describe('LayeredFilesystem', () => {
  it('lists entries sorted, leaving out directories only implied by paths below them', () => {
    expect(paths(build([['/b/c', '/a/', '/a/x']]))).toEqual(['/a', '/a/x', '/b/c']);
  });

  it('a whiteout removes the entry and everything below it, and records each as deleted', () => {
    const fs = build([
      ['/etc/', '/etc/key', '/opt/', '/opt/app/', '/opt/app/bin'],
      ['/etc/.wh.key', '/.wh.opt'],
    ]);
    const { files, deleted } = fs.finish();
    expect([...files.keys()]).toEqual(['/etc']);
    expect(deleted.map((d) => [d.path, d.layer, d.deletedBy, d.how])).toEqual([
      ['/etc/key', 0, 1, 'whiteout'],
      ['/opt', 0, 1, 'whiteout'],
      ['/opt/app', 0, 1, 'whiteout'],
      ['/opt/app/bin', 0, 1, 'whiteout'],
    ]);
  });

  it('an opaque directory hides what lower layers put in it, not what its own layer writes', () => {
    const fs = build([
      ['/data/', '/data/old', '/data/sub/x'],
      ['/data/new', '/data/.wh..wh..opq'],
    ]);
    const { files, deleted } = fs.finish();
    expect([...files.keys()]).toEqual(['/data', '/data/new']);
    expect(deleted.map((d) => [d.path, d.how])).toEqual([
      ['/data/old', 'opaque'],
      ['/data/sub/x', 'opaque'],
    ]);
  });

  it('a whiteout spares entries of its own layer below the removed directory (and the directory above them)', () => {
    const fs = build([
      ['/d/', '/d/a'],
      ['/d/b', '/.wh.d'],
    ]);
    const { files, deleted } = fs.finish();
    expect([...files.keys()]).toEqual(['/d', '/d/b']);
    expect(deleted.map((d) => d.path)).toEqual(['/d/a']);
  });

  it('a file re-added above its whiteout is back; its deletion stays recorded', () => {
    const fs = build([['/k'], ['/.wh.k'], ['/k']]);
    const { files, deleted } = fs.finish();
    expect(files.get('/k')?.layer).toBe(2);
    expect(deleted.map((d) => [d.path, d.layer, d.deletedBy])).toEqual([['/k', 0, 1]]);
  });

  it('a file in place of a directory removes everything below it', () => {
    const fs = build([['/x/', '/x/y'], ['/x']]);
    const { files, deleted } = fs.finish();
    expect(files.get('/x')?.type).toBe('file');
    expect(deleted.map((d) => [d.path, d.how, d.deletedBy])).toEqual([['/x/y', 'replaced', 1]]);
  });

  it('a directory listed again keeps its contents and takes the new metadata', () => {
    const fs = new LayeredFilesystem();
    fs.add(['d'], entry('/d', 0, 'directory'));
    fs.add(['d', 'f'], entry('/d/f', 0));
    fs.add(['d'], { ...entry('/d', 1, 'directory'), mode: 0o777 });
    const { files } = fs.finish();
    expect(files.get('/d')?.mode).toBe(0o777);
    expect(files.has('/d/f')).toBe(true);
  });

  it('an entry below a lower layer symlink replaces the symlink by a directory (never follows it)', () => {
    const fs = new LayeredFilesystem();
    fs.add(['etc'], { ...entry('/etc', 0, 'symlink'), linkTarget: '/tmp' });
    const added = fs.add(['etc', 'passwd'], entry('/etc/passwd', 1));
    expect(added.replacedParent?.path).toBe('/etc');
    const { files, deleted } = fs.finish();
    expect([...files.keys()]).toEqual(['/etc/passwd']);
    expect(deleted.map((d) => [d.path, d.type, d.how])).toEqual([['/etc', 'symlink', 'replaced']]);
  });

  it('reports a path written twice in one layer', () => {
    const fs = new LayeredFilesystem();
    expect(fs.add(['a'], entry('/a', 0)).duplicate).toBe(false);
    expect(fs.add(['a'], entry('/a', 0)).duplicate).toBe(true);
    expect(fs.add(['a'], entry('/a', 1)).duplicate).toBe(false);
  });

  it('removes a 3,000-deep directory without recursion', () => {
    const fs = new LayeredFilesystem();
    const deep = Array.from({ length: 3000 }, () => 'd');
    for (let i = 1; i <= deep.length; i++) {
      fs.add(deep.slice(0, i), entry(`/${deep.slice(0, i).join('/')}`, 0, 'directory'));
    }
    fs.whiteout([], 'd', 1);
    const { files, deleted } = fs.finish();
    expect(files.size).toBe(0);
    expect(deleted).toHaveLength(3000);
  });

  it('remembers a read file a later layer overwrote, with its earlier content; not a file never read', () => {
    const fs = new LayeredFilesystem();
    const first = fs.add(parts('/root/.npmrc'), entry('/root/.npmrc', 0));
    first.node.content = { layer: 0, text: 'token', truncated: false };
    fs.add(parts('/usr/bin/tool'), entry('/usr/bin/tool', 0));
    fs.add(parts('/root/.npmrc'), entry('/root/.npmrc', 1));
    fs.add(parts('/usr/bin/tool'), entry('/usr/bin/tool', 1));
    const { files, deleted, contents } = fs.finish();
    expect(files.get('/root/.npmrc')?.layer).toBe(1);
    expect(deleted).toEqual([
      {
        ...entry('/root/.npmrc', 0),
        deletedBy: 1,
        how: 'overwritten',
        content: { layer: 0, text: 'token', truncated: false },
      },
    ]);
    // The final file's content (none was read for layer 1) is not the earlier one.
    expect(contents.has('/root/.npmrc')).toBe(false);
  });
});
