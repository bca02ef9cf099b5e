// The image's filesystem as its layers build it: entries applied in layer order, whiteouts and opaque
// directories removing what lower layers wrote (OCI image spec, "Representing Changes"), and every removed entry
// kept as a DeletedFile. A tree, so removing a directory is one detach however many files it holds; every walk
// is iterative (depth is bounded by the path length cap, but no recursion is needed at all).
import type { DeletedFile, FileContent, ImageFile } from './types.js';

interface Node {
  name: string;
  path: string;
  parent: Node | undefined;
  /** Present for directories, listed or implied. */
  children?: Map<string, Node>;
  /** The entry that wrote this node; `undefined` for a directory only implied by paths below it. */
  file?: ImageFile;
  content?: FileContent;
}

export type AddResult = {
  /** The node now at the path (to attach content to). */
  node: Node;
  /** The same layer had already written this path. */
  duplicate: boolean;
  /** A parent component was a symlink (or other non-directory) of a lower layer, replaced by a directory. */
  replacedParent?: ImageFile;
};

export type { Node as FilesystemNode };

export class LayeredFilesystem {
  private readonly root: Node = { name: '', path: '/', parent: undefined, children: new Map() };
  private readonly removed: DeletedFile[] = [];

  /** The node at `parts` (path components), if any. */
  lookup(parts: readonly string[]): Node | undefined {
    let node: Node | undefined = this.root;
    for (const part of parts) {
      node = node.children?.get(part);
      if (node === undefined) return undefined;
    }
    return node;
  }

  /** Writes `file` (of layer `file.layer`) at `parts`, creating implied parent directories. */
  add(parts: readonly string[], file: ImageFile): AddResult {
    const layer = file.layer;
    if (parts.length === 0) {
      // The root itself (`./`): only its metadata changes.
      const duplicate = this.root.file?.layer === layer;
      if (file.type === 'directory') this.root.file = file;
      return { node: this.root, duplicate };
    }
    let parent = this.root;
    let replacedParent: ImageFile | undefined;
    for (let i = 0; i < parts.length - 1; i++) {
      const part = parts[i]!;
      let child = parent.children!.get(part);
      if (child === undefined || child.children === undefined) {
        if (child?.file !== undefined) {
          // A file or symlink where this entry needs a directory: tar would not follow it either; the directory
          // replaces it.
          replacedParent = child.file;
          this.record(child, layer, 'replaced');
        }
        child = { name: part, path: childPath(parent, part), parent, children: new Map() };
        parent.children!.set(part, child);
      }
      parent = child;
    }
    const name = parts[parts.length - 1]!;
    const existing = parent.children!.get(name);
    const duplicate = existing?.file?.layer === layer;
    if (file.type === 'directory' && existing?.children !== undefined) {
      existing.file = file;
      return { node: existing, duplicate, ...(replacedParent ? { replacedParent } : {}) };
    }
    if (existing?.children !== undefined) {
      // A non-directory replaces a directory and everything below it.
      this.purge(existing, layer, 'replaced', false, undefined);
    } else if (
      existing?.content !== undefined &&
      existing.file !== undefined &&
      existing.file.layer !== layer
    ) {
      // A selected file a later layer overwrote: its earlier bytes are still in the lower layer. Only files
      // whose content was kept are remembered (a package upgrade overwrites thousands of others).
      this.record(existing, layer, 'overwritten');
    }
    const node: Node = { name, path: file.path, parent, file };
    if (file.type === 'directory') node.children = new Map();
    parent.children!.set(name, node);
    return { node, duplicate, ...(replacedParent ? { replacedParent } : {}) };
  }

  /** `.wh.<name>` in the directory `dirParts`: removes what lower layers wrote at that name. */
  whiteout(dirParts: readonly string[], name: string, layer: number): void {
    const target = this.lookup(dirParts)?.children?.get(name);
    if (target !== undefined) this.purge(target, layer, 'whiteout', true, layer);
  }

  /** `.wh..wh..opq` in the directory `dirParts`: hides everything lower layers wrote in it. */
  opaque(dirParts: readonly string[], layer: number): void {
    const dir = this.lookup(dirParts);
    if (dir?.children !== undefined) this.purge(dir, layer, 'opaque', false, layer);
  }

  /**
   * Removes `node` (when `self`) and everything below it, recording each listed entry as deleted by `layer`.
   * Entries written by `keepLayer` stay (a whiteout only hides lower layers), and so do the directories above
   * them.
   */
  private purge(
    node: Node,
    layer: number,
    how: DeletedFile['how'],
    self: boolean,
    keepLayer: number | undefined,
  ): void {
    const order: Node[] = [];
    const stack: Node[] = self ? [node] : [...(node.children?.values() ?? [])];
    while (stack.length > 0) {
      const current = stack.pop()!;
      order.push(current);
      if (current.children !== undefined) for (const child of current.children.values()) stack.push(child);
    }
    // Children before their parents, so a parent sees whether anything below it stayed.
    for (let i = order.length - 1; i >= 0; i--) {
      const current = order[i]!;
      if (keepLayer !== undefined && current.file?.layer === keepLayer) continue;
      if (keepLayer !== undefined && current.children !== undefined && current.children.size > 0) continue;
      this.record(current, layer, how);
    }
  }

  /** Detaches `node` from its parent and records it (when it was a listed entry) as deleted by `layer`. */
  private record(node: Node, layer: number, how: DeletedFile['how']): void {
    const parent = node.parent;
    if (parent?.children?.get(node.name) === node) parent.children.delete(node.name);
    if (node.file !== undefined) {
      this.removed.push({
        ...node.file,
        deletedBy: layer,
        how,
        ...(node.content !== undefined ? { content: node.content } : {}),
      });
    }
  }

  /** The final filesystem sorted by path, the contents kept, and the deleted entries. */
  finish(): { files: Map<string, ImageFile>; contents: Map<string, FileContent>; deleted: DeletedFile[] } {
    const listed: Node[] = [];
    const stack: Node[] = [this.root];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.file !== undefined) listed.push(node);
      if (node.children !== undefined) for (const child of node.children.values()) stack.push(child);
    }
    listed.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const files = new Map<string, ImageFile>();
    const contents = new Map<string, FileContent>();
    for (const node of listed) {
      files.set(node.path, node.file!);
      if (node.content !== undefined) contents.set(node.path, node.content);
    }
    const deleted = this.removed.sort(
      (a, b) => a.deletedBy - b.deletedBy || (a.path < b.path ? -1 : a.path > b.path ? 1 : a.layer - b.layer),
    );
    for (const gone of deleted) {
      if (gone.content !== undefined && !files.has(gone.path)) contents.set(gone.path, gone.content);
    }
    return { files, contents, deleted };
  }
}

function childPath(parent: Node, name: string): string {
  return parent.path === '/' ? `/${name}` : `${parent.path}/${name}`;
}
