import { describe, expect, it } from 'vitest';
import { loadYaml } from '../yaml/load.js';
import { yamlRunLines } from './yaml-strings.js';

function workloads(text: string, path = '.github/workflows/ci.yml') {
  const { documents, positions } = loadYaml(text, path);
  return yamlRunLines(documents, positions, text, path);
}

describe('yamlRunLines', () => {
  it('finds run lines in GitHub Actions steps, at the lines of a `run: |` block', () => {
    const text = [
      'on: push', // 1
      'jobs:', // 2
      '  test:', // 3
      '    runs-on: ubuntu-latest', // 4
      '    steps:', // 5
      '      - uses: actions/checkout@v4', // 6
      '      - name: start', // 7
      '        run: |', // 8
      '          echo "starting"', // 9
      '          docker run -d --name db \\', // 10
      '            --privileged \\', // 11
      '            -p 5432:5432 postgres:16', // 12
      '      - run: docker run --rm -v /:/host alpine:3 ls /host', // 13
    ].join('\n');
    const [db, probe] = workloads(text);
    expect(db).toMatchObject({ origin: 'docker-run', name: 'db', at: { line: 10, column: 11 } });
    expect(db!.privileged?.at).toMatchObject({ path: '.github/workflows/ci.yml', line: 11, column: 13 });
    expect(db!.ports[0]!.at).toMatchObject({ line: 12, column: 13 });
    expect(db!.image?.at).toMatchObject({ line: 12, column: 26 });
    expect(probe!.mounts[0]!.at).toMatchObject({ line: 13, column: 30 });
  });

  it('finds run lines in GitLab CI script lists, quoted or not', () => {
    const text = [
      'image: docker:27', // 1
      'services: [docker:27-dind]', // 2
      'test:', // 3
      '  before_script:', // 4
      '    - docker login -u "$U" -p "$P"', // 5
      '  script:', // 6
      '    - docker run --network host "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA" test', // 7
      "    - 'docker run --cap-add SYS_ADMIN app:1'", // 8
      '    - "docker run -e \\"A=1\\" --pid host app:2"', // 9
    ].join('\n');
    const found = workloads(text, '.gitlab-ci.yml');
    expect(found.map((w) => w.image?.value.raw)).toEqual([
      '$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA',
      'app:1',
      'app:2',
    ]);
    expect(found[0]!.networkMode?.at).toMatchObject({ line: 7, column: 18 });
    expect(found[1]!.capAdd[0]!.at).toMatchObject({ line: 8, column: 19 });
    expect(found[2]!.env[0]).toMatchObject({ name: 'A', value: '1', at: { line: 9, column: 19 } });
    expect(found[2]!.pidMode?.at).toMatchObject({ line: 9, column: 30 });
  });

  it('reads folded and plain multi-line scalars at their lines', () => {
    const text = [
      'deploy:', // 1
      '  script: >', // 2
      '    docker run', // 3
      '    --read-only', // 4
      '    app:1', // 5
      '  other: docker run', // 6
      '    --user root app:2', // 7
    ].join('\n');
    const [folded, plain] = workloads(text, 'ci.yml');
    expect(folded!.readOnlyRootfs?.at).toMatchObject({ line: 4, column: 5 });
    expect(plain!.user?.at).toMatchObject({ line: 7, column: 5 });
  });

  it('visits strings in anchors once and never loops on aliases', () => {
    const text = ['a: &x', '  cmd: docker run --privileged app:1', '  self: *x', 'b: *x', ''].join('\n');
    expect(workloads(text, 'x.yml')).toHaveLength(1);
  });

  it('finds nothing in YAML without run lines', () => {
    expect(workloads('a: 1\nb: [docker, run]\nc: "docker ps"\n', 'x.yml')).toEqual([]);
  });
});
