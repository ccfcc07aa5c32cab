import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFlow } from '../../../../core/canonical.js';
import { condition, testFlow, trigger } from '../../../../test/support/test-flows.js';
import { createStyler, type CliIo } from '../output.js';
import { runCommand } from './run.js';
import { testCommand } from './test.js';

let dir: string;
let flowFile: string;

function captureIo(): CliIo & { text: () => string } {
  let out = '';
  const style = createStyler(false);
  return { out: (t) => void (out += t), err: (t) => void (out += t), style, errStyle: style, text: () => out };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'flowdesk-params-'));
  flowFile = join(dir, 'region.flow.json');
  const flow = testFlow(
    [trigger(), condition('isJapan', [{ left: 'params.genesysRegion', operator: 'equals', right: 'mypurecloud.jp' }])],
    [['trigger', 'out', 'isJapan']],
    {
      params: { genesysRegion: { type: 'string', enum: ['mypurecloud.com', 'mypurecloud.jp'] } },
      tests: [
        {
          name: 'jp org',
          trigger: { body: {} },
          params: { genesysRegion: 'mypurecloud.jp' },
          expect: { steps: { isJapan: { result: true } } },
        },
        { name: 'from the file', trigger: { body: {} }, expect: { steps: { isJapan: { result: false } } } },
      ],
    },
  );
  await writeFile(flowFile, writeFlow(flow));
  await writeFile(join(dir, 'us.params.json'), JSON.stringify({ genesysRegion: 'mypurecloud.com' }));
  await writeFile(join(dir, 'bad.params.json'), JSON.stringify({ genesysRegion: ['x'] }));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('flowdesk run and test --params', () => {
  it('run takes FLOWDESK_PARAM_<name> from the environment and --params over it', async () => {
    process.env.FLOWDESK_PARAM_genesysRegion = 'mypurecloud.jp';
    try {
      const fromEnv = captureIo();
      expect(await runCommand(flowFile, { test: 'from the file', json: true }, fromEnv)).toBe(0);
      expect(JSON.parse(fromEnv.text()).steps[1].port).toBe('true');

      const fromFile = captureIo();
      await runCommand(flowFile, { test: 'from the file', json: true, params: join(dir, 'us.params.json') }, fromFile);
      expect(JSON.parse(fromFile.text()).steps[1].port).toBe('false');
    } finally {
      delete process.env.FLOWDESK_PARAM_genesysRegion;
    }
  });

  it('run without a value fails naming the parameter; a malformed file is refused naming it', async () => {
    const io = captureIo();
    expect(await runCommand(flowFile, { test: 'from the file' }, io)).toBe(1);
    expect(io.text()).toContain("'genesysRegion' has no value (set it in the environment or a parameters file)");
    await expect(runCommand(flowFile, { params: join(dir, 'bad.params.json') }, captureIo())).rejects.toThrow(
      "bad.params.json: parameter 'genesysRegion' must be text, a number or true/false",
    );
  });

  it('test applies the file to every case, and a case’s own params go over it', async () => {
    const io = captureIo();
    expect(await testCommand([flowFile], { params: join(dir, 'us.params.json') }, io)).toBe(0);
    expect(io.text()).toMatch(/2 passed/);
  });
});
