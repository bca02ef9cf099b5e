// Bundles a benchmark's driver (TypeScript source that imports src/ directly) with esbuild into one ESM file
// run by `node`, as dist/dt10.js is: the benchmarks time what ships, not a TypeScript loader.
import { build } from 'esbuild';

/** `source` is resolved from `root` (the repository); the bundle is written to `outfile`. */
export function bundleDriver({ source, name, root, outfile }) {
  return build({
    stdin: { contents: source, resolveDir: root, sourcefile: name, loader: 'ts' },
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    banner: {
      js: "import { createRequire as __dt10CreateRequire } from 'node:module';\nconst require = __dt10CreateRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
}
