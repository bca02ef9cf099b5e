import { describe, expect, it } from 'vitest';
import { parseImageRef } from './parse.js';

describe('parseImageRef', () => {
  it.each([
    ['nginx', { registry: 'docker.io', repository: 'library/nginx' }],
    ['nginx:1.25', { registry: 'docker.io', repository: 'library/nginx', tag: '1.25' }],
    ['bitnami/redis:7', { registry: 'docker.io', repository: 'bitnami/redis', tag: '7' }],
    ['docker.io/nginx', { registry: 'docker.io', repository: 'library/nginx' }],
    ['index.docker.io/library/nginx:1', { registry: 'docker.io', repository: 'library/nginx', tag: '1' }],
    ['ghcr.io/org/app:v1', { registry: 'ghcr.io', repository: 'org/app', tag: 'v1' }],
    ['localhost/app', { registry: 'localhost', repository: 'app' }],
    ['localhost:5000/team/app:dev', { registry: 'localhost:5000', repository: 'team/app', tag: 'dev' }],
    ['registry:5000/app', { registry: 'registry:5000', repository: 'app' }],
    ['[::1]:5000/app:1', { registry: '[::1]:5000', repository: 'app', tag: '1' }],
    ['MyOrg/App', { registry: 'docker.io', repository: 'myorg/app' }],
    ['nginx:Latest', { repository: 'library/nginx', tag: 'Latest' }],
  ])('%s', (raw, expected) => {
    const ref = parseImageRef(raw);
    expect(ref).toMatchObject({ raw, unresolved: false, ...expected });
    if (!('tag' in expected)) expect(ref.tag).toBeUndefined();
    expect(ref.digest).toBeUndefined();
  });

  it('reads a digest, with or without a tag', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(parseImageRef(`alpine@${digest}`)).toMatchObject({ repository: 'library/alpine', digest });
    expect(parseImageRef(`alpine@${digest}`).tag).toBeUndefined();
    expect(parseImageRef(`ghcr.io/o/a:1.0@${digest}`)).toMatchObject({
      registry: 'ghcr.io',
      tag: '1.0',
      digest,
    });
  });

  it('marks references that still hold a variable as unresolved', () => {
    expect(parseImageRef('${REGISTRY}/app:1').unresolved).toBe(true);
    expect(parseImageRef('app:$TAG').unresolved).toBe(true);
    expect(parseImageRef('app:${TAG:-1}').unresolved).toBe(true);
    expect(parseImageRef('app:1$').unresolved).toBe(false);
  });

  it('trims blanks around the reference', () => {
    expect(parseImageRef('  alpine:3 ')).toMatchObject({ raw: 'alpine:3', tag: '3' });
  });

  it('never throws, even on text that is no reference', () => {
    for (const raw of ['', ':', '@', '/', '::', 'a/b/c:d:e@f@g', '$', '${'])
      expect(() => parseImageRef(raw)).not.toThrow();
  });
});
