/**
 * Top entries of V8 `.cpuprofile` files (what `--cpu-prof` writes): self time per function and
 * per area (QuickJS, SQLite, undici, Fastify, the engine, GC…), summed over the files given.
 *
 *   node --import tsx bench/server/profile-summary.ts <profile.cpuprofile|dir>… [--top 25]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const AREAS: [RegExp, string][] = [
  [/quickjs|emscripten/i, 'Code sandbox (QuickJS)'],
  [/runtime\/sandbox|nodes\/code/, 'Code sandbox (glue)'],
  [/better-sqlite3|history/i, 'SQLite history'],
  [/undici/, 'undici (outbound HTTP)'],
  [/fastify|find-my-way|light-my-request|avvio|pino/, 'Fastify / pino'],
  [/jsonata/, 'JSONata templates'],
  [/redact/i, 'redaction'],
  [/child-runner|child-main|flow-workers|child_process|internal\/child/, 'worker IPC'],
  [/runtime\/engine|core\//, 'engine'],
  [/nodes\//, 'node executors'],
  [/^node:|internal\//, 'Node internals'],
];

function area(node: ProfileNode): string {
  const { functionName, url } = node.callFrame;
  if (functionName === '(garbage collector)') return 'garbage collector';
  if (functionName === '(idle)' || functionName === '(program)') return functionName;
  for (const [re, name] of AREAS) if (re.test(url)) return name;
  return url === '' ? `(native) ${functionName || 'anonymous'}` : 'other';
}

function files(args: string[]): string[] {
  const out: string[] = [];
  for (const a of args) {
    if (statSync(a).isDirectory()) {
      for (const f of readdirSync(a)) if (f.endsWith('.cpuprofile')) out.push(join(a, f));
    } else out.push(a);
  }
  return out;
}

function main(): void {
  const argv = process.argv.slice(2);
  const topAt = argv.indexOf('--top');
  const top = topAt >= 0 ? Number(argv[topAt + 1]) : 25;
  const inputs = argv.filter((a, i) => a !== '--top' && !(topAt >= 0 && i === topAt + 1));
  const selfByFn = new Map<string, number>();
  const selfByArea = new Map<string, number>();
  let total = 0;
  for (const file of files(inputs)) {
    const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, i) => {
      const node = byId.get(id)!;
      const dt = profile.timeDeltas[i] ?? 0;
      if (node.callFrame.functionName === '(idle)') return;
      total += dt;
      const where = node.callFrame.url
        .replace(/^.*node_modules\//, '')
        .replace(/^file:\/\/.*?\/(dist|runtime|core|nodes)\//, '$1/');
      const key = `${node.callFrame.functionName || '(anonymous)'}  ${where}${where ? `:${node.callFrame.lineNumber + 1}` : ''}`;
      selfByFn.set(key, (selfByFn.get(key) ?? 0) + dt);
      const a = area(node);
      selfByArea.set(a, (selfByArea.get(a) ?? 0) + dt);
    });
  }
  const pct = (v: number) => `${((v / total) * 100).toFixed(1).padStart(5)} %`;
  console.log(`busy time sampled: ${(total / 1e6).toFixed(2)} s`);
  console.log('\nby area (self time):');
  for (const [k, v] of [...selfByArea].sort((a, b) => b[1] - a[1])) console.log(`  ${pct(v)}  ${k}`);
  console.log(`\ntop ${top} functions (self time):`);
  for (const [k, v] of [...selfByFn].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(v)}  ${k}`);
}

main();
