import { spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputFileError, readInputFile, readInputStream } from './read-input-file.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'flowdesk-read-'));
  await writeFile(join(dir, 'ok.json'), '{"a":1}');
  await writeFile(join(dir, 'big.json'), 'x'.repeat(2000));
});

async function problem(p: Promise<unknown>): Promise<InputFileError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InputFileError);
  return err as InputFileError;
}

describe('readInputFile', () => {
  it('reads a regular file', async () => {
    expect(await readInputFile(join(dir, 'ok.json'))).toBe('{"a":1}');
  });

  it('refuses a FIFO at once instead of blocking on it', async () => {
    const fifo = join(dir, 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const err = await problem(readInputFile(fifo, { what: 'payload file' }));
    expect(err.problem).toBe('not-regular');
    expect(err.message).toBe(`${fifo}: is a named pipe (FIFO), not a payload file; only regular files are read`);
  });

  it('refuses /dev/zero (a device that never ends) and a directory', async () => {
    expect((await problem(readInputFile('/dev/zero'))).message).toContain('/dev/zero: is a device');
    const folder = await problem(readInputFile(dir, { what: 'flow file' }));
    expect(folder.problem).toBe('not-regular');
    expect(folder.message).toContain('is a directory, not a flow file');
  });

  it('refuses a file over the cap, naming the limit', async () => {
    const err = await problem(readInputFile(join(dir, 'big.json'), { maxBytes: 1000, what: 'payload file' }));
    expect(err.problem).toBe('too-large');
    expect(err.message).toContain('payload file is 2000 bytes, over the limit of 1000 bytes');
  });

  it('says not found for a missing file', async () => {
    const err = await problem(readInputFile(join(dir, 'nope.json'), { what: 'mock file', shownAs: 'nope.json' }));
    expect(err).toMatchObject({ problem: 'not-found', message: 'nope.json: mock file not found' });
  });

  it('caps a stream (stdin) too', async () => {
    async function* chunks() {
      for (let i = 0; i < 10; i++) yield Buffer.alloc(200, 'a');
    }
    const err = await problem(readInputStream(chunks(), { maxBytes: 1000, what: 'payload' }));
    expect(err.message).toBe('stdin: the payload is over the limit of 1000 bytes');
  });
});
