import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../core/settings.js';
import {
  composeService,
  dockerRun,
  findingsFor,
  k8sDeployment,
  testRule,
  TEST_SETTINGS,
} from '../../../test/rule-tester.js';
import rule from './untrusted-registry.js';

const image = (reference: string): string => `services:\n  app:\n    image: ${reference}\n`;

/** A `docker run` of container `app`: `rest` is the image, or flags and then the image (on line 1 unless they continue a line). */
const run = (rest: string): string => `docker run --name app ${rest}\n`;

// The tester's settings allow registry.example.com only.
testRule(rule, {
  'docker-run': {
    accept: [
      { name: 'the allowed registry', code: dockerRun('') },
      {
        name: 'the allowed registry, by digest',
        code: run('registry.example.com/app@sha256:0123456789abcdef'),
      },
      { name: 'an image reference left to a variable', code: run('"$APP_IMAGE"') },
    ],
    reject: [
      {
        name: 'Docker Hub, implicitly',
        code: run('nginx:1.27'),
        lines: [1],
        messageIncludes:
          'container "app" in run.sh runs image nginx:1.27 from docker.io, which is not an allowed registry (registry.example.com)',
        severity: 'medium',
      },
      {
        name: 'another registry',
        code: run('ghcr.io/someone/tool:1.0'),
        lines: [1],
        messageIncludes: 'from ghcr.io',
      },
      {
        name: 'a lookalike of the allowed registry, on a continuation line',
        code: run('-d \\\n  registry.example.com.evil.io/app:1.0'),
        lines: [2],
      },
    ],
  },
  compose: {
    accept: [
      { name: 'the allowed registry', code: composeService('') },
      {
        name: 'the allowed registry, by digest',
        code: image('registry.example.com/app@sha256:0123456789abcdef'),
      },
      { name: 'the allowed registry in upper case', code: image('Registry.Example.com/app:1.0') },
      { name: 'an image reference left to a variable', code: image('${APP_IMAGE}') },
      { name: 'a build without an image', code: 'services:\n  app:\n    build: .\n' },
    ],
    reject: [
      {
        name: 'Docker Hub, implicitly',
        code: image('nginx:1.27'),
        lines: [3],
        messageIncludes:
          'service "app" in compose.yaml runs image nginx:1.27 from docker.io, which is not an allowed registry (registry.example.com)',
        severity: 'medium',
      },
      { name: 'Docker Hub, a user repository', code: image('someone/tool:1.0'), lines: [3] },
      {
        name: 'another registry',
        code: image('ghcr.io/someone/tool:1.0'),
        lines: [3],
        messageIncludes: 'from ghcr.io',
      },
      {
        name: 'a lookalike of the allowed registry',
        code: image('registry.example.com.evil.io/app:1.0'),
        lines: [3],
      },
      {
        name: 'the allowed host on another port',
        code: image('registry.example.com:5000/app:1.0'),
        lines: [3],
      },
    ],
  },
  kubernetes: {
    accept: [{ name: 'the allowed registry', code: k8sDeployment('') }],
    reject: [
      {
        name: 'quay.io',
        code: k8sDeployment('', 'initContainers:\n  - name: init\n    image: quay.io/someone/init:1.0'),
        lines: [14],
        messageIncludes:
          'init container "init" of Deployment/web (namespace shop) in manifest.yaml runs image quay.io/someone/init:1.0',
      },
    ],
  },
});

describe('D05.untrusted-registry settings', () => {
  it('is off without an allow-list (the default)', async () => {
    expect(await findingsFor(rule, 'compose', image('nginx:1.27'), DEFAULT_SETTINGS)).toEqual([]);
  });

  it('reports every registry when the allow-list is empty', async () => {
    const findings = await findingsFor(rule, 'compose', composeService(''), {
      ...TEST_SETTINGS,
      allowedRegistries: [],
    });
    expect(findings.map((f) => f.message)).toEqual([
      'service "app" in compose.yaml runs image registry.example.com/app:1.0 from registry.example.com, which is not an allowed registry (none allowed)',
    ]);
  });

  it('allows registries, paths in them and domains', async () => {
    const settings = {
      ...TEST_SETTINGS,
      allowedRegistries: ['ghcr.io/acme', 'docker.io/library', '*.example.org'],
    };
    const reported = async (reference: string): Promise<number> =>
      (await findingsFor(rule, 'compose', image(reference), settings)).length;
    expect(await reported('ghcr.io/acme/api:1.0')).toBe(0);
    expect(await reported('nginx:1.27')).toBe(0);
    expect(await reported('eu.example.org/app:1.0')).toBe(0);
    expect(await reported('ghcr.io/someone/api:1.0')).toBe(1);
    expect(await reported('someone/tool:1.0')).toBe(1);
    expect(await reported('example.org/app:1.0')).toBe(1);
  });
});
