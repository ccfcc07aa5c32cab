/**
 * Before the end-to-end suite: the suite needs the built CLI (`dist/`, run as
 * `node bin/flowdesk.js test …`) and the built renderer (`dist-renderer/`). `npm test` builds
 * first; when either is missing (a fresh clone running only this suite) they are built here.
 * Without Chromium the suite fails in CI (it is the point of the job) and is skipped, with a
 * note saying how to install it, elsewhere.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumAvailable, INSTALL_HINT } from './chromium.js';
import { REPO_ROOT } from './paths.js';

function run(label: string, command: string, args: string[]): void {
  process.stdout.write(`[e2e] ${label}: ${command} ${args.join(' ')}\n`);
  const result = spawnSync(command, args, { cwd: REPO_ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0)
    throw new Error(`[e2e] ${label} failed (exit ${result.status ?? result.signal}); the suite needs it.`);
}

export default function setup(): void {
  if (!chromiumAvailable()) {
    if (process.env.CI) throw new Error(`[e2e] ${INSTALL_HINT} The end-to-end suite cannot run without it.`);
    process.stdout.write(`[e2e] Skipping the designer end-to-end suite: ${INSTALL_HINT}\n`);
    return;
  }
  if (!existsSync(join(REPO_ROOT, 'dist', 'runtime', 'hosts', 'cli', 'main.js'))) {
    run('building the CLI', 'npx', ['tsc', '-p', 'tsconfig.build.json']);
  }
  if (!existsSync(join(REPO_ROOT, 'dist-renderer', 'index.html'))) {
    run('building the renderer', 'npx', ['vite', 'build']);
  }
}
