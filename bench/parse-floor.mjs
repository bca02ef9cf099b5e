// The floor for `npm run bench`: read every corpus file and parse it with the same parsers dt10 uses
// (dockerfile-ast, js-yaml), nothing else. Run as its own process, like the scan it is compared with.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import yaml from 'js-yaml';

const root = process.argv[2];
const started = performance.now();
let files = 0;
for (const dir of (await readdir(root)).sort()) {
  const base = join(root, dir);
  const [dockerfile, compose, manifest] = await Promise.all(
    ['Dockerfile', 'docker-compose.yml', 'k8s.yaml'].map((name) => readFile(join(base, name), 'utf8')),
  );
  DockerfileParser.parse(dockerfile);
  yaml.load(compose);
  yaml.loadAll(manifest);
  files += 3;
}
process.stdout.write(JSON.stringify({ files, ms: performance.now() - started }));
