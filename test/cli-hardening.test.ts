/**
 * The built `flowdesk` command against hostile input (issue 12): nesting 100,000 levels deep,
 * FIFOs and devices given as files, an absurd --timeout, test cases naming files outside the
 * flow's folder, a designer started on a missing folder, and control characters in what a flow
 * makes the terminal print.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { FlowFile, FlowTest } from '../core/flow.js';
import { code, testFlow, trigger, webService } from './support/test-flows.js';

// Every case spawns the CLI, some several times; the machine is shared.
vi.setConfig({ testTimeout: 120_000 });

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'flowdesk.js');
const BUILT = join(ROOT, 'dist', 'runtime', 'hosts', 'cli', 'main.js');

beforeAll(() => {
  // cli.test.ts rebuilds when sources are newer; this file only needs a build to exist.
  if (
    !existsSync(BUILT) ||
    statSync(BUILT).mtimeMs < statSync(join(ROOT, 'runtime', 'files', 'read-input-file.ts')).mtimeMs
  ) {
    spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], {
      cwd: ROOT,
    });
  }
}, 120_000);

function flowdesk(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FLOWDESK_DEBUG: '', ...opts.env },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr, all: r.stdout + r.stderr };
}

let dir: string;
const SECRET_LINE = 'root:x:0:0:top-secret-marker';

function flowWith(tests: FlowTest[], extra: Partial<FlowFile> = {}): FlowFile {
  return testFlow(
    [
      trigger(),
      webService('lookup', { url: 'https://api.example.com/q', mapping: [{ path: 'queue', field: 'queue' }] }),
    ],
    [['trigger', 'out', 'lookup']],
    { id: 'hostile', name: 'Hostile', tests, ...extra },
  );
}

function deepJson(levels: number): string {
  return '['.repeat(levels) + ']'.repeat(levels);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'flowdesk-harden-'));
  // A file outside the flow's folder standing in for /etc/passwd or the designer's key.
  await writeFile(join(dir, 'outside.json'), JSON.stringify({ line: SECRET_LINE }));
  await mkdir(join(dir, 'flows', 'payloads'), { recursive: true });
  await writeFile(join(dir, 'flows', 'payloads', 'ok.json'), JSON.stringify({ a: 1 }));
  await symlink(join(dir, 'outside.json'), join(dir, 'flows', 'payloads', 'link-out.json'));
  const ok: FlowTest = {
    name: 'ok',
    trigger: { payloadFile: 'payloads/ok.json' },
    responses: { lookup: [{ status: 200, body: { queue: 'vip' } }] },
    expect: { path: ['trigger', 'lookup'] },
  };
  await writeFile(join(dir, 'flows', 'a.flow.json'), JSON.stringify(flowWith([ok])));
  await writeFile(join(dir, 'flows', 'b.flow.json'), JSON.stringify(flowWith([ok])));
  // A real flow whose test case carries the deep value, so nothing short of the depth limit
  // stops the walk (a bare array would be refused as "not a flow" before any recursion).
  await writeFile(
    join(dir, 'flows', 'deep.flow.json'),
    JSON.stringify(flowWith([{ ...ok, trigger: { body: '<deep>' } }])).replace('"<deep>"', deepJson(100_000)),
  );
  await writeFile(join(dir, 'deep-payload.json'), `{"a":${deepJson(100_000)}}`);
  const escapes: [string, string][] = [
    ['absolute', join(dir, 'outside.json')],
    ['dotdot', '../outside.json'],
    ['symlink', 'payloads/link-out.json'],
  ];
  for (const [name, payloadFile] of escapes) {
    await writeFile(
      join(dir, 'flows', `esc-${name}.flow.json`),
      JSON.stringify(flowWith([{ ...ok, trigger: { payloadFile } }])),
    );
    await writeFile(
      join(dir, 'flows', `body-${name}.flow.json`),
      JSON.stringify(flowWith([{ ...ok, responses: { lookup: [{ status: 200, bodyFile: payloadFile }] } }])),
    );
  }
}, 60_000);

describe('deep nesting (item 3)', () => {
  it('validate refuses a 100,000-level flow with exit 2, names it, and still reports the others', () => {
    const r = flowdesk(['validate', 'flows/a.flow.json', 'flows/deep.flow.json', 'flows/b.flow.json']);
    expect(r.code).toBe(2);
    expect(r.all).not.toMatch(/call stack/i);
    expect(r.out).toMatch(/flows\/deep\.flow\.json is nested more than 128 levels deep/);
    expect(r.out).toMatch(/✓ flows\/a\.flow\.json/);
    expect(r.out).toMatch(/✓ flows\/b\.flow\.json/);
  });

  it('run and test refuse it with exit 2 naming the file', () => {
    const run = flowdesk(['run', 'flows/deep.flow.json', '--payload', 'flows/payloads/ok.json']);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/deep\.flow\.json is nested more than 128 levels/);
    const test = flowdesk(['test', 'flows/deep.flow.json']);
    expect(test.code).toBe(2);
    expect(test.all).toMatch(/deep\.flow\.json is nested more than 128 levels/);
  });

  it('a payload nested 100,000 levels is refused with exit 2 naming it', () => {
    const r = flowdesk(['run', 'flows/a.flow.json', '--payload', 'deep-payload.json']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/deep-payload\.json: the payload is nested more than 128 levels deep/);
    expect(r.all).not.toMatch(/call stack/i);
  });
});

describe('--timeout and what counts as a file (item 5)', () => {
  it('refuses a timeout beyond one day, or not a whole number, as a usage error', () => {
    for (const value of ['99999999999999', '1e3', '-5', '0', 'soon']) {
      const r = flowdesk(['run', 'flows/a.flow.json', '--timeout', value]);
      expect(r.code, value).toBe(2);
      expect(r.err).toContain(
        `--timeout must be a whole number of milliseconds from 1 to 86400000 (one day), not '${value}'`,
      );
      expect(r.err).not.toMatch(/TimeoutOverflowWarning/);
    }
    expect(flowdesk(['run', 'flows/a.flow.json', '--timeout', '86400000']).code).toBe(0);
  });

  it('refuses a FIFO given as a flow or a payload instead of waiting forever', async () => {
    const fifo = join(dir, 'pipe.flow.json');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const run = flowdesk(['run', fifo]);
    expect(run.code).toBe(3);
    expect(run.err).toContain(`${fifo}: is a named pipe (FIFO), not a flow file; only regular files are read`);
    const payload = flowdesk(['run', 'flows/a.flow.json', '--payload', fifo]);
    expect(payload.code).toBe(3);
    expect(payload.err).toContain('named pipe');
    const validate = flowdesk(['validate', fifo, 'flows/a.flow.json']);
    expect(validate.code).toBe(3);
    expect(validate.out).toMatch(/✓ flows\/a\.flow\.json/);
    expect(flowdesk(['test', fifo]).code).toBe(3);
  });

  it('refuses /dev/zero and a directory', () => {
    const zero = flowdesk(['run', 'flows/a.flow.json', '--payload', '/dev/zero']);
    expect(zero.code).toBe(3);
    expect(zero.err).toContain('/dev/zero: is a device, not a payload file');
    const mock = flowdesk(['run', 'flows/a.flow.json', '--mock', '/dev/zero']);
    expect(mock.code).toBe(3);
    const folder = flowdesk(['validate', 'flows']);
    expect(folder.code).toBe(3);
    expect(folder.out).toContain('flows: is a directory, not a flow file');
  });
});

describe('files a flow names stay in its folder (item 6)', () => {
  for (const kind of ['absolute', 'dotdot', 'symlink']) {
    it(`flowdesk test refuses a ${kind} payloadFile and bodyFile without showing the file`, () => {
      const r = flowdesk(['test', `flows/esc-${kind}.flow.json`, `flows/body-${kind}.flow.json`]);
      expect(r.code).toBe(1);
      expect(r.all).not.toContain('top-secret-marker');
      expect(r.all).toMatch(
        kind === 'absolute' ? /is an absolute path/ : kind === 'dotdot' ? /leaves the flow's folder/ : /symbolic link/,
      );
      expect(r.all).toMatch(/payload file/);
      expect(r.all).toMatch(/recorded response file/);
    });

    it(`run --json refuses a ${kind} payloadFile and bodyFile`, () => {
      const payload = flowdesk(['run', `flows/esc-${kind}.flow.json`, '--json']);
      expect(payload.code).toBe(2);
      expect(payload.all).not.toContain('top-secret-marker');
      const body = flowdesk(['run', `flows/body-${kind}.flow.json`, '--json']);
      expect(body.code).toBe(1);
      expect(body.all).not.toContain('top-secret-marker');
      expect(body.out).toMatch(/recorded response file/);
    });
  }

  it('run --live refuses the payloadFile before anything is sent', async () => {
    const received: string[] = [];
    const server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push(body);
        res.setHeader('content-type', 'application/json');
        res.end('{"queue":"x"}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    try {
      const flow = testFlow(
        [
          trigger(),
          webService('send', {
            method: 'POST',
            url: `http://127.0.0.1:${port}/collect`,
            body: { type: 'json', json: '{{ trigger.body }}' },
          }),
        ],
        [['trigger', 'out', 'send']],
        { id: 'exfil', name: 'Exfil', tests: [{ name: 'leak', trigger: { payloadFile: '../outside.json' } }] },
      );
      await writeFile(join(dir, 'flows', 'exfil.flow.json'), JSON.stringify(flow));
      const r = await new Promise<{ code: number | null; all: string }>((done) => {
        const child = spawn(process.execPath, [BIN, 'run', 'flows/exfil.flow.json', '--live'], {
          cwd: dir,
          env: { ...process.env, NO_COLOR: '1' },
        });
        let all = '';
        child.stdout.on('data', (c: Buffer) => (all += c.toString()));
        child.stderr.on('data', (c: Buffer) => (all += c.toString()));
        child.on('close', (code) => done({ code, all }));
      });
      expect(r.code).toBe(2);
      expect(r.all).toMatch(/leaves the flow's folder/);
      expect(received).toEqual([]);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('a payloadFile inside the folder still works, also through ./', async () => {
    expect(flowdesk(['test', 'flows/a.flow.json']).code).toBe(0);
  });
});

describe('flowdesk designer --dir (item 13)', () => {
  it('refuses a folder that does not exist with exit 3', () => {
    const r = flowdesk(['designer', '--dir', join(dir, 'no-such-folder')]);
    expect(r.code).toBe(3);
    expect(r.err).toContain('no-such-folder: no such folder');
  });

  it('refuses a file with exit 2', () => {
    const r = flowdesk(['designer', '--dir', join(dir, 'outside.json')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('is a file, not a folder');
  });
});

describe('control characters in what a flow makes the terminal print (item 11)', () => {
  const ESC = '\u001b';
  beforeAll(async () => {
    const flow = testFlow(
      [
        trigger(),
        code(
          'shout',
          `console.log("${'\\u001b'}]0;owned${'\\u0007'}"); console.log("fine\\n✓ PASSED"); return { v: "${'\\u001b'}[31mred" };`,
        ),
      ],
      [['trigger', 'out', 'shout']],
      {
        id: 'ansi',
        name: `Flow${ESC}]0;title${'\u0007'}\r✓ all good`,
        tests: [{ name: `case${ESC}[1A${ESC}[2K✓ PASSED`, trigger: { body: {} }, expect: { path: ['trigger'] } }],
      },
    );
    await writeFile(join(dir, 'flows', 'ansi.flow.json'), JSON.stringify(flow));
  });

  it('flowdesk run prints the flow name and log lines with controls escaped', () => {
    const r = flowdesk(['run', 'flows/ansi.flow.json']);
    expect(r.code).toBe(0);
    expect(r.all).not.toContain(ESC);
    expect(r.all).not.toContain('\r');
    expect(r.all).not.toContain('\u0007');
    expect(r.out).toContain('Flow\\x1b]0;title\\x07\\r✓ all good');
    expect(r.out).toContain('\\x1b]0;owned\\x07');
    expect(r.out).toContain('fine\\n✓ PASSED');
    expect(r.out.split('\n').some((line) => line.trim().startsWith('✓ PASSED'))).toBe(false);
  });

  it('flowdesk test prints test names escaped', () => {
    const r = flowdesk(['test', 'flows/ansi.flow.json']);
    expect(r.code).toBe(1);
    expect(r.all).not.toContain(ESC);
    expect(r.out).toContain('case\\x1b[1A\\x1b[2K✓ PASSED');
  });

  it('flowdesk validate prints node names in issues escaped', () => {
    const bad = testFlow([trigger(), code(`bad${ESC}[2J`, '')], [['trigger', 'out', `bad${ESC}[2J`]], { id: 'x' });
    const file = join(dir, 'flows', 'ansi-invalid.flow.json');
    return writeFile(file, JSON.stringify(bad)).then(() => {
      const r = flowdesk(['validate', file]);
      expect(r.code).toBe(2);
      expect(r.all).not.toContain(ESC);
      expect(r.out).toContain('bad\\x1b[2J');
    });
  });
});
