// Bundles the CLI into ESM files so `dt10` starts without resolving hundreds of modules: dist/dt10.js holds
// what every scan needs, and what only some commands need (dt10 fix, the servers, probe, the Dockerfile
// parser, the image and host readers) is split into chunks under dist/chunks/, loaded by the first
// `import()` that asks for it. A scan of an engine compiles and runs less code at start-up.
import { chmodSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('dist/chunks', { recursive: true, force: true });
await build({
  entryPoints: { dt10: 'src/cli/bin.ts' },
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  minifySyntax: true,
  sourcemap: 'linked',
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __dt10CreateRequire } from 'node:module';\nconst require = __dt10CreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});

// `npx dt10` runs the bin file itself: it must be executable, whatever the umask or the order npm links it.
chmodSync('dist/dt10.js', 0o755);
