#!/usr/bin/env node
// Builds the desktop app's Node side into dist/: main process, run worker and the runtime they
// use (tsc, ESM), plus the preload bundled into one CommonJS file, because a sandboxed preload
// can require only `electron` and a few built-ins (no relative imports).
// Usage: node scripts/build-electron.mjs [--preload-only]
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

if (!process.argv.includes('--preload-only')) {
  const tsc = require.resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.electron.build.json')], {
    stdio: 'inherit',
    cwd: root,
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const { build } = await import('vite');
await build({
  configFile: false,
  root,
  logLevel: 'warn',
  build: {
    outDir: join(root, 'dist/electron/preload'),
    emptyOutDir: true,
    minify: false,
    sourcemap: false,
    target: 'chrome130',
    lib: {
      entry: join(root, 'electron/preload/preload.ts'),
      formats: ['cjs'],
      fileName: () => 'preload.cjs',
    },
    rolldownOptions: { external: ['electron'] },
  },
});
// A sandboxed preload that requires anything else fails only at run time, in a window; catch it here.
const bundled = readFileSync(join(root, 'dist/electron/preload/preload.cjs'), 'utf8');
const requires = [...bundled.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
const allowed = new Set(['electron', 'events', 'timers', 'url']);
const bad = requires.filter((r) => !allowed.has(r));
if (bad.length > 0 || /^\s*(import|export)\s/m.test(bundled)) {
  process.stderr.write(
    `The preload bundle must be CommonJS requiring only electron/events/timers/url; it requires: ${bad.join(', ')}\n`,
  );
  process.exit(1);
}
process.stdout.write('Built dist/electron (main, utility worker, preload.cjs).\n');
