import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowFile } from '../../../core/flow.js';
import { fileNameFor, findFlowFilesIn, unusedName, writeFileAtomic } from './flow-files.js';
import { createRecentFiles } from './recent-files.js';
import { listSamples } from './samples.js';
import { chooseBaseDir, copyTestFiles, referencedTestFiles } from './test-files.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'flowdesk-files-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('recent files', () => {
  it('keeps the most recent first, without duplicates, capped, and only files that exist', async () => {
    const recent = createRecentFiles(join(dir, 'state', 'recent.json'), { max: 3 });
    for (const n of ['a', 'b', 'c', 'd', 'b']) {
      await writeFile(join(dir, `${n}.flow.json`), '{}');
      await recent.add(join(dir, `${n}.flow.json`));
    }
    expect(await recent.list()).toEqual(['b', 'd', 'c'].map((n) => join(dir, `${n}.flow.json`)));
    await rm(join(dir, 'd.flow.json'));
    expect(await recent.list()).toEqual(['b', 'c'].map((n) => join(dir, `${n}.flow.json`)));
  });

  it('starts afresh from a damaged list', async () => {
    await writeFile(join(dir, 'broken.json'), '{nope');
    expect(await createRecentFiles(join(dir, 'broken.json')).list()).toEqual([]);
  });
});

describe('samples', () => {
  it('merges directories, later ones shadowing earlier ones, JSON files only', async () => {
    await mkdir(join(dir, 'p1'));
    await mkdir(join(dir, 'p2'));
    await writeFile(join(dir, 'p1', 'a.json'), '{"from":"p1"}');
    await writeFile(join(dir, 'p1', 'b.json'), '{"b":1}');
    await writeFile(join(dir, 'p1', 'notes.md'), '# no');
    await writeFile(join(dir, 'p2', 'a.json'), '{"from":"p2"}');
    const samples = await listSamples([join(dir, 'p1'), join(dir, 'missing'), join(dir, 'p2')]);
    expect(samples).toEqual([
      { name: 'a.json', text: '{"from":"p2"}' },
      { name: 'b.json', text: '{"b":1}' },
    ]);
  });
});

describe('flow files', () => {
  it('makes safe file names and never reuses one', async () => {
    expect(fileNameFor('Qualtrics → Genesys (v2)')).toBe('Qualtrics-Genesys-v2.flow.json');
    expect(fileNameFor('../../etc/passwd')).toBe('etc-passwd.flow.json');
    expect(fileNameFor('アンケート連携')).toBe('アンケート連携.flow.json');
    expect(fileNameFor('  ')).toBe('flow.flow.json');
    expect(fileNameFor('x.flow.json')).toBe('x.flow.json');
    await writeFile(join(dir, 'same.flow.json'), '{}');
    expect(await unusedName(dir, 'same.flow.json')).toBe('same-2.flow.json');
    expect(await unusedName(dir, 'fresh.flow.json')).toBe('fresh.flow.json');
  });

  it('writes atomically and lists flow files', async () => {
    const root = join(dir, 'tree');
    await writeFileAtomic(join(root, 'flows', 'one.flow.json'), '1');
    await writeFileAtomic(join(root, 'two.flow.json'), '2');
    await writeFileAtomic(join(root, 'node_modules', 'x.flow.json'), 'no');
    await writeFileAtomic(join(root, '.flowdesk', 'y.flow.json'), 'no');
    expect(await readFile(join(root, 'two.flow.json'), 'utf8')).toBe('2');
    expect(await findFlowFilesIn(root)).toEqual(['flows/one.flow.json', 'two.flow.json']);
  });
});

describe('test files of a flow', () => {
  const flow = {
    tests: [
      {
        name: 't',
        trigger: { payloadFile: 'payloads/in.json' },
        responses: { get: [{ bodyFile: 'payloads/out.json' }, { status: 500 }] },
      },
      { name: 'inline', trigger: { body: {}, payloadFile: 'ignored.json' } },
    ],
  };

  it('lists referenced files and picks the folder where they all exist', async () => {
    expect(referencedTestFiles(flow)).toEqual(['payloads/in.json', 'payloads/out.json']);
    const good = join(dir, 'good');
    await mkdir(join(good, 'payloads'), { recursive: true });
    await writeFile(join(good, 'payloads', 'in.json'), '{}');
    await writeFile(join(good, 'payloads', 'out.json'), '{}');
    expect(await chooseBaseDir(flow, [join(dir, 'none'), good])).toBe(good);
    expect(await chooseBaseDir({}, [join(dir, 'none'), good])).toBe(join(dir, 'none'));
  });

  it('copies the referenced files next to a copy written elsewhere, keeping their paths', async () => {
    const good = join(dir, 'good');
    const exportDir = join(dir, 'export');
    expect(await copyTestFiles(flow, good, exportDir)).toEqual(['payloads/in.json', 'payloads/out.json']);
    expect(await readFile(join(exportDir, 'payloads', 'in.json'), 'utf8')).toBe('{}');
    expect(await readFile(join(exportDir, 'payloads', 'out.json'), 'utf8')).toBe('{}');
    expect(await copyTestFiles(flow, good, good)).toEqual([]);
  });

  it('copies nothing a flow may not name: absolute paths, .. out of the folder, hidden files', async () => {
    const good = join(dir, 'good');
    await writeFile(join(dir, 'outside.json'), '{"secret":1}');
    await mkdir(join(good, '.flowdesk'), { recursive: true });
    await writeFile(join(good, '.flowdesk', 'credentials.enc.json'), '{}');
    const hostile = {
      tests: [
        { name: 'a', trigger: { payloadFile: join(dir, 'outside.json') } },
        { name: 'b', trigger: { payloadFile: '../outside.json' } },
        { name: 'c', trigger: { payloadFile: '.flowdesk/credentials.enc.json' } },
      ],
    } as Pick<FlowFile, 'tests'>;
    expect(await copyTestFiles(hostile, good, join(dir, 'export2'))).toEqual([]);
  });
});
