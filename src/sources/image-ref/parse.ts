// Parses an image reference the way the Docker CLI normalizes it (distribution/reference rules):
// the first component is a registry only if it has a `.` or `:` or is `localhost`.
import type { ImageRef } from '../../subjects/image-ref.js';

const UNRESOLVED = /\$\{?[A-Za-z_]/;
const DOCKER_HUB_ALIASES = new Set([
  'docker.io',
  'index.docker.io',
  'registry-1.docker.io',
  'registry.hub.docker.com',
]);

export function parseImageRef(raw: string): ImageRef {
  const text = raw.trim();
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  let registry = 'docker.io';
  let repository = rest;
  const firstSlash = rest.indexOf('/');
  if (firstSlash !== -1) {
    const first = rest.slice(0, firstSlash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      repository = rest.slice(firstSlash + 1);
    }
  }
  // Docker Hub answers under other names too; `docker.io/nginx` is the official `library/nginx`.
  if (DOCKER_HUB_ALIASES.has(registry.toLowerCase())) registry = 'docker.io';
  if (registry === 'docker.io' && !repository.includes('/')) repository = `library/${repository}`;
  const ref: ImageRef = {
    raw: text,
    registry,
    repository: repository.toLowerCase(),
    unresolved: UNRESOLVED.test(text),
  };
  if (tag !== undefined) ref.tag = tag;
  if (digest !== undefined) ref.digest = digest;
  return ref;
}
