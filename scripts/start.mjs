#!/usr/bin/env node
// `npm start`: opens the desktop app when Electron's binary is installed; otherwise says so
// plainly and starts the browser designer (`flowdesk designer`), which prints its URL. Builds
// whatever is missing or older than its sources first. Arguments are passed on (e.g.
// `npm start -- --port 5173` for the designer, or flow files for the app).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

/**
 * The Electron executable, or undefined. Deliberately not `require('electron')`: that tries to
 * download the binary when it is missing, which is exactly the case handled here.
 */
function electronBinary() {
  let pkgDir;
  try {
    pkgDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return undefined;
  }
  const pathFile = join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(pkgDir, 'dist');
  const binary = join(dist, relative);
  return relative && existsSync(binary) ? binary : undefined;
}

function run(label, command, commandArgs) {
  process.stdout.write(`${label}…\n`);
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write(`${label} failed.\n`);
    process.exit(result.status ?? 1);
  }
}

/** Newest modification time of the sources under `dirs` (0 when none). */
function newestSource(dirs) {
  let newest = 0;
  const walk = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) walk(full);
      } else if (/\.(ts|tsx|css|html)$/.test(entry.name) && !entry.name.endsWith('.test.ts')) {
        newest = Math.max(newest, statSync(full).mtimeMs);
      }
    }
  };
  dirs.forEach((d) => walk(join(root, d)));
  return newest;
}

/** True when `output` is missing or older than any source under `dirs`. */
function stale(output, dirs) {
  const file = join(root, output);
  return !existsSync(file) || statSync(file).mtimeMs < newestSource(dirs);
}

function ensureRenderer() {
  if (stale('dist-renderer/index.html', ['renderer', 'core', 'nodes'])) {
    // vite does not export its bin path; find it next to its package.json.
    const vite = join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
    run('Building the designer page (vite build)', process.execPath, [vite, 'build']);
  }
}

/** Runs a child with our stdio and mirrors its exit code; Ctrl+C reaches it directly. */
function handOver(command, commandArgs) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

/**
 * Electron 41+ has no install step: the binary is fetched the first time it is needed. Try that
 * once here (a real download needs internet; on a closed network it fails quickly), unless the
 * machine opted out with ELECTRON_SKIP_BINARY_DOWNLOAD.
 */
function downloadElectron() {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return false;
  let pkgDir;
  try {
    pkgDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return false;
  }
  process.stdout.write('Downloading the Electron binary (first start only)…\n');
  const result = spawnSync(process.execPath, [join(pkgDir, 'install.js')], {
    cwd: root,
    stdio: 'inherit',
    timeout: 10 * 60 * 1000,
  });
  return result.status === 0;
}

const electron = electronBinary() ?? (downloadElectron() ? electronBinary() : undefined);
if (electron) {
  ensureRenderer();
  if (
    !existsSync(join(root, 'dist', 'electron', 'main', 'main.js')) ||
    !existsSync(join(root, 'dist', 'electron', 'preload', 'preload.cjs'))
  ) {
    run('Building the desktop app (main process and preload)', process.execPath, [
      join(root, 'scripts', 'build-electron.mjs'),
    ]);
  }
  handOver(electron, [root, ...args]);
} else {
  process.stdout.write(
    'Electron is not installed on this machine (its binary could not be downloaded); starting the browser designer instead.\n',
  );
  ensureRenderer();
  if (
    !existsSync(join(root, 'dist', 'runtime', 'hosts', 'cli', 'main.js')) ||
    !existsSync(join(root, 'dist', 'runtime', 'hosts', 'designer', 'server.js'))
  ) {
    run('Building the command line (tsc)', process.execPath, [
      require.resolve('typescript/bin/tsc'),
      '-p',
      join(root, 'tsconfig.build.json'),
    ]);
  }
  handOver(process.execPath, [join(root, 'bin', 'flowdesk.js'), 'designer', ...args]);
}
