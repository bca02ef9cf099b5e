// Bundles the CLI into one ESM file so `dt10` starts without resolving hundreds of modules.
import { chmodSync } from 'node:fs';
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/bin.ts'],
  outfile: 'dist/dt10.js',
  bundle: true,
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
