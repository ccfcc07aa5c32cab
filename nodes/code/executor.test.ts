import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowNode } from '../../core/flow.js';
import { NodeError, type RunScope } from '../../core/node-type.js';
import { createQuickJsSandbox } from '../../runtime/sandbox/quickjs-sandbox.js';
import { makeExecContext, prepareNode } from '../../test/support/exec-context.js';
import { codeExecutor } from './executor.js';
import { codeManifest, type CodeConfig } from './manifest.js';

let sandbox: Awaited<ReturnType<typeof createQuickJsSandbox>>;
beforeAll(async () => {
  sandbox = await createQuickJsSandbox();
});
afterAll(() => sandbox.dispose());

const node = (config: Partial<CodeConfig>): FlowNode => ({
  id: 'n-clean',
  type: 'code',
  version: 1,
  name: 'cleanDetails',
  config: { ...codeManifest.defaults, ...config },
});

/** Genesys conversation details as the Web Service node maps them (seed 000's Code task input). */
const scope: Partial<RunScope> = {
  trigger: {
    body: { ConversationID: '1bc96a39-6725-40c4-9345-db72aa67b8c6', ResponseID: 'R_1' },
    headers: {},
    query: {},
  },
  steps: {
    getDetails: {
      status: 200,
      fields: {
        conversationStart: '2021-04-01T12:27:53.386Z',
        conversationEnd: '2021-04-01T12:43:23.306Z',
        agentIds: ['50fcd33c-f432-4726-abc9-979f3ca01555'],
        participants: [
          { purpose: 'customer', participantName: 'John Doe' },
          { purpose: 'agent', userId: '50fcd33c-f432-4726-abc9-979f3ca01555' },
        ],
      },
    },
  },
  vars: { conversationId: '1bc96a39-6725-40c4-9345-db72aa67b8c6' },
};

async function run(config: Partial<CodeConfig>) {
  const n = node(config);
  const prepared = prepareNode(codeExecutor, n);
  // The shared harness has no sandbox; its collectors are closures, so spreading keeps them.
  const ctx = { ...makeExecContext({ node: n, scope }), sandbox };
  try {
    return { result: await prepared.run(ctx), ctx, error: undefined };
  } catch (error) {
    return { result: undefined, ctx, error: error as NodeError };
  }
}

describe('code executor', () => {
  it('cleans Genesys details: picks the answering agent and formats the duration', async () => {
    const { result, ctx } = await run({
      source: `
        const d = steps.getDetails.fields;
        const agent = d.participants.find((p) => p.purpose === 'agent');
        const seconds = Math.round((Date.parse(d.conversationEnd) - Date.parse(d.conversationStart)) / 1000);
        console.log('agent', agent.userId, 'seconds', seconds);
        return { conversationId: vars.conversationId, agentId: agent.userId, durationSeconds: seconds };`,
    });
    expect(result).toEqual({
      port: 'success',
      output: {
        conversationId: '1bc96a39-6725-40c4-9345-db72aa67b8c6',
        agentId: '50fcd33c-f432-4726-abc9-979f3ca01555',
        durationSeconds: 930,
      },
    });
    expect(ctx.logs.map((l) => [l.level, l.message])).toEqual([
      ['info', 'agent 50fcd33c-f432-4726-abc9-979f3ca01555 seconds 930'],
    ]);
  });

  it('runs Qualtrics-style codeTask()', async () => {
    const { result } = await run({
      source: 'function codeTask() {\n  return { response: trigger.body.ResponseID };\n}',
    });
    expect(result?.output).toEqual({ response: 'R_1' });
  });

  it('turns a thrown error into NodeError code-error (the engine routes it to the error port) and keeps the logs', async () => {
    const { error, ctx } = await run({
      source: 'console.warn("no agent");\nthrow new Error("no agent in conversation")',
    });
    expect(error).toBeInstanceOf(NodeError);
    expect(error).toMatchObject({ code: 'code-error', message: 'Error: no agent in conversation (line 2)' });
    expect(ctx.logs.map((l) => [l.level, l.message])).toEqual([['warn', 'no agent']]);
  });

  it('reports a syntax error with its line', async () => {
    const { error } = await run({ source: 'const a = 1;\nreturn a +;' });
    expect(error).toMatchObject({
      code: 'code-error',
      message: expect.stringMatching(/^The code has a syntax error: .*\(line 2\)$/),
    });
  });

  it('applies the configured time limit', async () => {
    const { error } = await run({ source: 'while (true) {}', timeoutMs: 50 });
    expect(error).toMatchObject({ code: 'code-error', message: 'Code ran longer than 50 ms and was stopped' });
  });

  it('applies the configured memory limit', async () => {
    const { error } = await run({
      source: 'const keep = []; for (;;) keep.push(new Uint8Array(1 << 20).fill(1))',
      memoryMB: 16,
      timeoutMs: 5000,
    });
    expect(error).toMatchObject({ code: 'code-error', message: 'Code used more than 16 MB of memory' });
  });

  it('cannot change the scope it was given', async () => {
    const { result } = await run({
      source: 'vars.conversationId = "changed"; steps.getDetails = null; return vars.conversationId',
    });
    expect(result?.output).toBe('changed');
    expect(scope.vars).toEqual({ conversationId: '1bc96a39-6725-40c4-9345-db72aa67b8c6' });
    expect((scope.steps as Record<string, unknown>).getDetails).not.toBeNull();
  });
});
