/**
 * Node-RED 4.1.8 for the comparison: installed from npm once into a cache directory
 * (`$FLOWDESK_BENCH_CACHE`, default `~/.cache/flowdesk-bench`), then started with the same work
 * as a flow: http in → switch → function (5 fields) → http request (keep-alive) → function
 * (merge) → http response.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const NODE_RED_VERSION = '4.1.8';

export function cacheDir(): string {
  return process.env.FLOWDESK_BENCH_CACHE ?? join(homedir(), '.cache', 'flowdesk-bench');
}

/** The path of red.js, installing Node-RED first when needed; a reason string when that fails. */
export async function ensureNodeRed(): Promise<{ redJs: string } | { skipped: string }> {
  const dir = join(cacheDir(), `node-red-${NODE_RED_VERSION}`);
  const redJs = join(dir, 'node_modules', 'node-red', 'red.js');
  if (existsSync(redJs)) return { redJs };
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'flowdesk-bench-node-red', private: true }));
  process.stdout.write(`installing node-red@${NODE_RED_VERSION} into ${dir} (once)…\n`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(
    npm,
    ['install', '--no-audit', '--no-fund', '--omit=dev', '--ignore-scripts', `node-red@${NODE_RED_VERSION}`],
    { cwd: dir, encoding: 'utf8', timeout: 300_000 },
  );
  if (r.status !== 0 || !existsSync(redJs)) {
    const why = (r.stderr || r.error?.message || `exit ${r.status}`).trim().split('\n').slice(-3).join(' ');
    return { skipped: `Node-RED ${NODE_RED_VERSION} could not be installed from npm (${why})` };
  }
  return { redJs };
}

const MAP_FIELDS = `const b = msg.payload;
msg.mapped = {
  conversationId: b.conversationId,
  customerId: b.customerId,
  agentName: b.agent.name,
  queueName: b.queue.name,
  durationSeconds: Math.round((Date.parse(b.endedAt) - Date.parse(b.startedAt)) / 1000),
};
msg.url = 'http://127.0.0.1:UPSTREAM/customers/' + encodeURIComponent(b.customerId);
msg.headers = {};
return msg;`;

const MERGE = `msg.payload = Object.assign({}, msg.mapped, { customer: msg.payload });
msg.statusCode = 200;
msg.headers = { 'content-type': 'application/json' };
return msg;`;

/** Writes settings and flows into `userDir` for a Node-RED on `port`. */
export async function writeNodeRedConfig(userDir: string, port: number, upstreamPort: number): Promise<string> {
  await mkdir(userDir, { recursive: true });
  const flows = [
    { id: 'tab', type: 'tab', label: 'bench' },
    { id: 'in', type: 'http in', z: 'tab', url: '/hook', method: 'post', upload: false, wires: [['sw']] },
    {
      id: 'sw',
      type: 'switch',
      z: 'tab',
      property: 'payload.event',
      propertyType: 'msg',
      rules: [{ t: 'eq', v: 'call.end', vt: 'str' }, { t: 'else' }],
      checkall: 'false',
      outputs: 2,
      wires: [['map'], ['skip']],
    },
    {
      id: 'map',
      type: 'function',
      z: 'tab',
      func: MAP_FIELDS.replace('UPSTREAM', String(upstreamPort)),
      outputs: 1,
      wires: [['get']],
    },
    {
      id: 'get',
      type: 'http request',
      z: 'tab',
      method: 'GET',
      ret: 'obj',
      paytoqs: 'ignore',
      url: '',
      persist: true,
      wires: [['merge']],
    },
    { id: 'merge', type: 'function', z: 'tab', func: MERGE, outputs: 1, wires: [['res']] },
    {
      id: 'skip',
      type: 'change',
      z: 'tab',
      rules: [
        { t: 'set', p: 'statusCode', pt: 'msg', to: '204', tot: 'num' },
        { t: 'set', p: 'payload', pt: 'msg', to: '', tot: 'str' },
      ],
      wires: [['res']],
    },
    { id: 'res', type: 'http response', z: 'tab', statusCode: '', headers: {}, wires: [] },
  ];
  await writeFile(join(userDir, 'flows.json'), JSON.stringify(flows, null, 2));
  const settings = join(userDir, 'settings.cjs');
  await writeFile(
    settings,
    `module.exports = ${JSON.stringify({
      uiPort: port,
      uiHost: '127.0.0.1',
      flowFile: 'flows.json',
      userDir,
      credentialSecret: false,
      httpAdminRoot: false,
      disableEditor: true,
      apiMaxLength: '5mb',
      logging: { console: { level: 'warn', metrics: false, audit: false } },
      externalModules: { autoInstall: false },
      telemetry: { enabled: false },
      diagnostics: { enabled: false },
    })};\n`,
  );
  return settings;
}
