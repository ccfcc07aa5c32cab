/**
 * The CLI's usage errors are message codes (core/messages `cli.*`) printed in English from the
 * catalogue, with exit code 2 as before: commander's own refusals (unknown option, missing
 * argument, a value outside the choices…) and the options the commands check themselves
 * (--port, --workers). The CLI is spawned as a user runs it (from source, under tsx).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import type { MessageCode, ParamsOf } from '../core/messages/en.js';
import { message } from '../core/messages/make.js';
import { CliError } from '../runtime/hosts/cli/exit-codes.js';
import { parseJsonFile } from '../runtime/hosts/cli/files.js';
import { buildProgram } from '../runtime/hosts/cli/main.js';
import { usageMessage, type UsageError } from '../runtime/hosts/cli/usage-errors.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'test/support/cli-child.ts');

function flowdesk(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FLOWDESK_DEBUG: '' },
    timeout: 60_000,
  });
  return { code: r.status, err: r.stderr };
}

/** The first lines a refused command prints: "error: " and the catalogue's English sentence. */
function expected<C extends MessageCode>(code: C, params: ParamsOf<C>): string {
  return `error: ${message(code, params).message}\n`;
}

describe('CLI usage errors, spawned', () => {
  it.each<[string, string[], string]>([
    [
      'an unknown option, with its suggestion',
      ['serve', '--prot', '1'],
      expected('cli.unknown-option', { option: '--prot', suggestion: '--port' }),
    ],
    ['a missing argument', ['run'], expected('cli.missing-argument', { argument: 'file' })],
    [
      'an option without its value',
      ['run', 'x.flow.json', '--payload'],
      expected('cli.option-missing-argument', { option: '--payload <file>' }),
    ],
    [
      'a value outside the choices',
      ['test', '--reporter', 'xml'],
      expected('cli.bad-choice', { option: '--reporter <name>', value: 'xml', choices: ['default', 'junit'] }),
    ],
    ['a missing required option', ['worker'], expected('cli.missing-option', { option: '--queue <redis-url>' })],
    [
      'too many arguments',
      ['schema', 'extra'],
      expected('cli.too-many-arguments', { command: 'schema', expected: 0, received: 1 }),
    ],
    ['an unknown command', ['serv'], expected('cli.unknown-command', { command: 'serv', suggestion: 'serve' })],
    [
      'a bad --workers',
      ['serve', '--workers', 'many'],
      expected('cli.whole-number', { option: '--workers', min: 0, max: 64, value: 'many' }),
    ],
    ['a bad --port for the designer', ['designer', '--port', '99999'], expected('cli.port', { value: '99999' })],
    [
      'a --dir that is a file',
      ['designer', '--dir', 'package.json'],
      expected('cli.dir-is-file', { dir: 'package.json' }),
    ],
  ])('words %s from the catalogue and exits 2', (_what, args, first) => {
    const r = flowdesk(args);
    expect(r.code).toBe(2);
    expect(r.err.startsWith(first), r.err).toBe(true);
  });
});

describe("the commands' own refusals, spawned", () => {
  const dir = mkdtempSync(join(tmpdir(), 'flowdesk-cli-usage-'));
  const empty = join(dir, 'empty.json');
  writeFileSync(empty, '  \n');
  it.each<[string, string[], string]>([
    [
      'an empty payload file',
      ['run', 'flows/flex-zendesk-task-lifecycle.flow.json', '--payload', empty],
      expected('cli.json-empty', { file: empty, what: 'payload' }),
    ],
    [
      'a --at without a zone',
      ['run', 'flows/genesys-users-initial-sync.flow.json', '--at', '2026-12-07 09:00'],
      expected('cli.fired-at', { value: '2026-12-07 09:00' }),
    ],
  ])('words %s from the catalogue and exits 2', (_what, args, first) => {
    const r = flowdesk(args);
    expect(r.code).toBe(2);
    expect(r.err.startsWith(first), r.err).toBe(true);
  });
});

describe('parseJsonFile', () => {
  const refusal = (text: string) => {
    try {
      parseJsonFile(text, 'p.json', 'payload');
    } catch (err) {
      return err as CliError;
    }
    throw new Error('accepted');
  };
  it('refuses empty, broken and too deep JSON with codes that name the file, the line and the column', () => {
    expect(refusal('')).toMatchObject({ code: 'cli.json-empty', params: { file: 'p.json', what: 'payload' } });
    expect(refusal('{\n  "a": 1,,\n}')).toMatchObject({
      code: 'cli.json-invalid',
      params: { file: 'p.json', what: 'payload', line: 2 },
      exitCode: 2,
    });
    expect(refusal('['.repeat(200) + ']'.repeat(200))).toMatchObject({
      code: 'cli.json-too-deep',
      params: { file: 'p.json', what: 'payload', limit: 128, line: 1 },
    });
  });
});

describe('usageMessage', () => {
  it("reads every usage error commander raises into a cli.* code (not a bare text): commander's wording is pinned", async () => {
    const seen: string[] = [];
    const argvs = [
      ['serve', '--prot'],
      ['run'],
      ['run', 'x', '--payload'],
      ['test', '--reporter', 'xml'],
      ['worker'],
      ['schema', 'extra'],
      ['serv'],
    ];
    for (const argv of argvs) {
      const program = buildProgram({ out: () => undefined, err: () => undefined } as never, () => undefined);
      const err = await program.parseAsync(argv, { from: 'user' }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err, argv.join(' ')).toBeInstanceOf(CommanderError);
      seen.push((err as UsageError).usage?.code ?? 'none');
    }
    expect(
      seen.every((code) => code.startsWith('cli.')),
      seen.join(', '),
    ).toBe(true);
    expect(usageMessage('commander.somethingNew', 'error: a new sentence')).toMatchObject({
      code: 'text',
      message: 'a new sentence',
    });
  });
});
