import { afterAll, describe, expect, it } from 'vitest';
import { formatMessage } from '../../core/messages/format.js';
import { defineManifest, type NodeExecutor, type SummaryWords } from '../../core/node-type.js';
import { createAjv } from '../../core/schema/ajv.js';
import type { StepTrace } from '../../core/trace.js';
import { createFlowRuntime } from '../../runtime/engine/flow-runtime.js';
import { withNodeTypes } from '../registry.runtime.js';
import { sendJson, startTestServer } from '../../test/support/http-server.js';
import { code, condition, testFlow, testNode, trigger, webService } from '../../test/support/test-flows.js';
import { applyToEachEditor } from './editor.js';
import { applyToEachManifest, type ApplyToEachConfig } from './manifest.js';
import type { ApplyToEachOutput } from './executor.js';

const loop = (config: Partial<ApplyToEachConfig> = {}, name = 'each') =>
  testNode('applyToEach', name, { items: '{{ trigger.body.users }}', ...config });

/** A test-only node type that reports what the engine hands it: its run id, and how many of it run at once. */
let inFlight = 0;
let mostInFlight = 0;
const probeManifest = defineManifest<{ waitMs?: number }>()({
  type: 'testProbe',
  version: 1,
  category: 'logic',
  title: 'Probe',
  configSchema: { type: 'object', properties: { waitMs: { type: 'integer' } } },
  defaults: {},
  ports: ['out'],
  credentialSlots: [],
});
const probeExecutor: NodeExecutor<{ waitMs?: number }> = {
  type: probeManifest.type,
  prepare(node) {
    return {
      async run(ctx) {
        inFlight++;
        mostInFlight = Math.max(mostInFlight, inFlight);
        try {
          if (node.config.waitMs !== undefined) await ctx.sleep(node.config.waitMs);
          return { port: 'out', output: { runId: ctx.runId, item: ctx.scope.item, index: ctx.scope.index } };
        } finally {
          inFlight--;
        }
      },
    };
  },
};
const nodeTypes = withNodeTypes([{ manifest: probeManifest, executor: probeExecutor }]);
const probe = (name: string, config: { waitMs?: number } = {}) => ({
  id: `n-${name}`,
  type: probeManifest.type,
  version: 1,
  name,
  config,
});

const runtime = createFlowRuntime({ credentials: { get: async () => undefined }, nodeTypes });
afterAll(() => runtime.close());

const names = (steps: readonly StepTrace[]) => steps.map((s) => s.name);
const outputOf = (steps: readonly StepTrace[], name: string) => steps.find((s) => s.name === name)?.output;
const users = [
  { id: 'u1', tier: 'vip' },
  { id: 'u2', tier: 'basic' },
  { id: 'u3', tier: 'vip' },
];

describe('Apply to each', () => {
  it('runs the body once per item with item and index, and goes on through Done with the results in order', async () => {
    const flow = testFlow(
      [
        trigger(),
        loop(),
        code('shape', 'return { id: item.id, position: index, user: steps.trigger.users.length };'),
        code('after', 'return steps.each.results.map((r) => r.id).join(",");'),
      ],
      [
        ['trigger', 'out', 'each'],
        ['each', 'each', 'shape'],
        ['each', 'done', 'after'],
      ],
    );
    const trace = await runtime.load(flow).run({ trigger: { body: { users } } });
    expect(trace.status).toBe('success');
    // The body runs inside the loop's step; the run's path is the top level.
    expect(names(trace.steps)).toEqual(['trigger', 'each', 'after']);
    const output = outputOf(trace.steps, 'each') as ApplyToEachOutput;
    expect(output).toEqual({
      results: [
        { id: 'u1', position: 0, user: 3 },
        { id: 'u2', position: 1, user: 3 },
        { id: 'u3', position: 2, user: 3 },
      ],
      total: 3,
      processed: 3,
      succeeded: 3,
      failed: 0,
      errors: [],
      truncated: false,
    });
    expect(outputOf(trace.steps, 'after')).toBe('u1,u2,u3');
    const iterations = trace.steps[1]!.iterations!;
    expect(iterations).toMatchObject({ count: 3, failed: 0, omitted: 0 });
    expect(iterations.kept.map((it) => [it.index, it.status, names(it.steps)])).toEqual([
      [0, 'success', ['shape']],
      [1, 'success', ['shape']],
      [2, 'success', ['shape']],
    ]);
    expect(iterations.kept[1]!.item).toEqual(users[1]);
  });

  it('gives each item its own steps: a branch one item took is not visible to the next, and joins wait inside the body', async () => {
    const flow = testFlow(
      [
        trigger(),
        loop(),
        condition('isVip', [{ left: 'item.tier', operator: 'equals', right: 'vip' }]),
        code('vip', 'return "vip " + item.id;'),
        code('plain', 'return "plain " + item.id + (steps.vip === undefined ? "" : " saw " + steps.vip);'),
        code('both', 'return steps.vip ?? steps.plain;'),
      ],
      [
        ['trigger', 'out', 'each'],
        ['each', 'each', 'isVip'],
        ['isVip', 'true', 'vip'],
        ['isVip', 'false', 'plain'],
        ['vip', 'success', 'both'],
        ['plain', 'success', 'both'],
      ],
    );
    const trace = await runtime.load(flow).run({ trigger: { body: { users } } });
    expect(trace.status).toBe('success');
    expect((outputOf(trace.steps, 'each') as ApplyToEachOutput).results).toEqual(['vip u1', 'plain u2', 'vip u3']);
    const kept = trace.steps[1]!.iterations!.kept;
    expect(kept.map((it) => names(it.steps))).toEqual([
      ['isVip', 'vip', 'both'],
      ['isVip', 'plain', 'both'],
      ['isVip', 'vip', 'both'],
    ]);
    // The join inside the body records which branch arrived for this item.
    expect(kept[1]!.steps[2]!.join?.branches.map((b) => `${b.from}=${b.arrived}`)).toEqual(['vip=false', 'plain=true']);
    // Nothing of the body is left in the run's own steps.
    expect(Object.keys(trace.steps)).toHaveLength(2);
  });

  it('fails with the value it got when Items is not a list, through Error when it is connected', async () => {
    const alone = testFlow(
      [trigger(), loop({ items: '{{ trigger.body.user }}' }), code('one', 'return 1;')],
      [
        ['trigger', 'out', 'each'],
        ['each', 'each', 'one'],
      ],
    );
    const loaded = runtime.load(alone);
    const object = await loaded.run({ trigger: { body: { user: { id: 'u1' } } } });
    expect(object.status).toBe('failed');
    expect(object.error?.nodeName).toBe('each');
    expect(object.error?.message).toBe(
      `Apply to each 'each' failed: Items {{ trigger.body.user }} gave an object {"id":"u1"}, not a list; point it at a list (a JSON array). A filter that matches one item gives that item: add [] after the filter to keep a list, e.g. participants[purpose = "agent"][] (its error port is not connected)`,
    );
    // JSONata gives nothing for a missing path or a filter that matches nothing: no item runs, and the trace says why.
    const missing = await loaded.run({ trigger: { body: {} } });
    expect(missing.status).toBe('success');
    expect(missing.steps[1]).toMatchObject({ output: { total: 0, results: [] }, iterations: { count: 0 } });
    expect(missing.steps[1]!.logs.map((l) => l.message)).toEqual([
      'Items {{ trigger.body.user }} gave nothing (the path is not in this run’s data, or a filter matched nothing), so no item ran',
    ]);
    expect(formatMessage({ code: object.error!.code ?? '', params: object.error!.params }, 'ja')).toContain(
      'リストではありません',
    );

    const wired = testFlow(
      [trigger(), loop({ items: '{{ trigger.body.user }}' }), code('one', 'return 1;'), code('oops', 'return 0;')],
      [
        ['trigger', 'out', 'each'],
        ['each', 'each', 'one'],
        ['each', 'error', 'oops'],
      ],
    );
    const handled = await runtime.load(wired).run({ trigger: { body: { user: 'u1' } } });
    expect(handled.status).toBe('success');
    expect(names(handled.steps)).toEqual(['trigger', 'each', 'oops']);
    expect(outputOf(handled.steps, 'each')).toMatchObject({
      code: 'apply-to-each',
      problem: 'applyToEach.not-a-list',
      message: 'Items {{ trigger.body.user }} gave the text "u1", not a list; point it at a list (a JSON array)',
    });
  });

  it('refuses a list longer than the item limit, or processes its first items when told to', async () => {
    const flowOf = (tooMany: 'fail' | 'truncate') =>
      testFlow(
        [trigger(), loop({ maxItems: 2, tooMany }), code('one', 'return item.id;')],
        [
          ['trigger', 'out', 'each'],
          ['each', 'each', 'one'],
        ],
      );
    const refused = await runtime.load(flowOf('fail')).run({ trigger: { body: { users } } });
    expect(refused.status).toBe('failed');
    expect(refused.error?.message).toContain(
      'the list has 3 items, more than the item limit of 2; raise the limit (at most 10,000) or choose “Process the first 2”',
    );
    expect(refused.steps[1]!.iterations).toMatchObject({ count: 0 });

    const cut = await runtime.load(flowOf('truncate')).run({ trigger: { body: { users } } });
    expect(cut.status).toBe('success');
    expect(outputOf(cut.steps, 'each')).toMatchObject({
      results: ['u1', 'u2'],
      total: 3,
      processed: 2,
      truncated: true,
    });
    expect(cut.steps[1]!.logs.map((l) => l.message)).toEqual([
      'the list has 3 items; only the first 2 (the item limit) were processed',
    ]);
  });

  describe('when an item fails', () => {
    const failing = [{ id: 'a' }, { id: 'b', bad: true }, { id: 'c' }, { id: 'd', bad: true }];
    const flowOf = (onItemError: 'stop' | 'skip' | 'collect', handler = false) =>
      testFlow(
        [
          trigger(),
          loop({ onItemError }),
          code('check', 'if (item.bad) throw new Error("bad " + item.id); return item.id;'),
          ...(handler ? [code('handler', 'return steps.each.index;')] : []),
        ],
        [
          ['trigger', 'out', 'each'],
          ['each', 'each', 'check'],
          ...(handler ? [['each', 'error', 'handler'] as [string, string, string]] : []),
        ],
      );

    it('stop: starts no more items and fails, naming the item and the step', async () => {
      const trace = await runtime.load(flowOf('stop')).run({ trigger: { body: { users: failing } } });
      expect(trace.status).toBe('failed');
      expect(trace.error?.message).toBe(
        "Apply to each 'each' failed: item 2 (index 1) failed at Code 'check': Error: bad b (line 1) (its error port is not connected)",
      );
      // One at a time: the third item never started.
      expect(trace.steps[1]!.iterations).toMatchObject({ count: 2, failed: 1 });
      expect(trace.steps[1]!.iterations!.kept[1]).toMatchObject({
        index: 1,
        status: 'failed',
        error: { nodeName: 'check', code: 'code-error' },
      });
      expect(formatMessage({ code: trace.error!.code ?? '', params: trace.error!.params }, 'ja')).toContain(
        '2 件目の項目（インデックス 1）が Code「check」 で失敗しました: Error: bad b',
      );

      const handled = await runtime.load(flowOf('stop', true)).run({ trigger: { body: { users: failing } } });
      expect(handled.status).toBe('success');
      expect(outputOf(handled.steps, 'handler')).toBe(1);
      expect(outputOf(handled.steps, 'each')).toMatchObject({
        index: 1,
        item: failing[1],
        node: 'check',
        processed: 2,
      });
    });

    it('skip: leaves failed items out of the results and goes on', async () => {
      const trace = await runtime.load(flowOf('skip')).run({ trigger: { body: { users: failing } } });
      expect(trace.status).toBe('success');
      expect(outputOf(trace.steps, 'each')).toEqual({
        results: ['a', 'c'],
        total: 4,
        processed: 4,
        succeeded: 2,
        failed: 2,
        errors: [],
        truncated: false,
      });
      expect(trace.steps[1]!.logs.map((l) => l.message)).toEqual([
        '2 items failed and were left out of the results (items 2, 4)',
      ]);
    });

    it('collect: leaves them out and lists each with its item, step and message', async () => {
      const trace = await runtime.load(flowOf('collect')).run({ trigger: { body: { users: failing } } });
      expect(trace.status).toBe('success');
      const output = outputOf(trace.steps, 'each') as ApplyToEachOutput;
      expect(output.results).toEqual(['a', 'c']);
      expect(output.errors).toEqual([
        {
          index: 1,
          item: failing[1],
          node: 'check',
          code: 'code-error',
          message: "Code 'check' failed: Error: bad b (line 1) (its error port is not connected)",
        },
        {
          index: 3,
          item: failing[3],
          node: 'check',
          code: 'code-error',
          message: "Code 'check' failed: Error: bad d (line 1) (its error port is not connected)",
        },
      ]);
    });
  });

  it('collects what "Result per item" says, read from each item’s steps', async () => {
    const flow = testFlow(
      [trigger(), loop({ result: '{{ { "user": item.id, "n": steps.count + index } }}' }), code('count', 'return 10;')],
      [
        ['trigger', 'out', 'each'],
        ['each', 'each', 'count'],
      ],
    );
    const trace = await runtime.load(flow).run({ trigger: { body: { users } } });
    expect((outputOf(trace.steps, 'each') as ApplyToEachOutput).results).toEqual([
      { user: 'u1', n: 10 },
      { user: 'u2', n: 11 },
      { user: 'u3', n: 12 },
    ]);
  });

  it('goes through a list larger than a filled-in value may be: 9,000 users of 1.2 KB are 11 M characters of JSON', async () => {
    const flow = testFlow(
      [
        trigger(),
        loop({ maxItems: 10_000, result: '{{ item.id }}' }),
        condition('isFirst', [{ left: 'index', operator: 'equals', right: 0 }]),
      ],
      [
        ['trigger', 'out', 'each'],
        ['each', 'each', 'isFirst'],
      ],
    );
    const many = Array.from({ length: 9000 }, (_, i) => ({ id: i, bio: 'x'.repeat(1200) }));
    const trace = await runtime.load(flow).run({ trigger: { body: { users: many } } });
    expect(trace.error).toBeUndefined();
    expect(outputOf(trace.steps, 'each')).toMatchObject({ total: 9000, succeeded: 9000 });
    // The step records how long the list was, not the list.
    expect(trace.steps[1]!.input).toEqual({ items: 9000, concurrency: 1, onItemError: 'stop' });
  });

  it('refuses to collect more than 10 million characters of results, naming the item where it passed them', async () => {
    const flow = testFlow(
      [trigger(), loop({ maxItems: 10_000, result: '{{ $pad("", 20000, "x") }}' }), probe('look')],
      [
        ['trigger', 'out', 'each'],
        ['each', 'each', 'look'],
      ],
    );
    const many = Array.from({ length: 600 }, (_, i) => ({ id: i }));
    const trace = await runtime.load(flow).run({ trigger: { body: { users: many } } });
    expect(trace.status).toBe('failed');
    // 500 results of 20,002 characters are 10,001,000: the 500th (index 499) passes the limit.
    expect(trace.error?.message).toContain(
      'the collected results passed 10,000,000 characters of JSON at item 500 (index 499); collect less per item with “Result per item”',
    );
    expect(trace.steps[1]!.iterations!.count).toBe(500);
  });

  it('keeps the first 20 iterations’ steps and later failed ones in the trace, and counts the rest', async () => {
    const many = Array.from({ length: 100 }, (_, i) => ({ id: i, bad: i === 50 || i === 70 }));
    const flow = testFlow(
      [
        trigger(),
        loop({ onItemError: 'collect' }),
        condition('isBad', [{ left: 'item.bad', operator: 'equals', right: true }]),
        code('fail', 'throw new Error("bad " + item.id);'),
      ],
      [
        ['trigger', 'out', 'each'],
        ['each', 'each', 'isBad'],
        ['isBad', 'true', 'fail'],
      ],
    );
    const trace = await runtime.load(flow).run({ trigger: { body: { users: many } } });
    const iterations = trace.steps[1]!.iterations!;
    expect(iterations).toMatchObject({ count: 100, failed: 2, omitted: 78, keepFirst: 20, keepFailed: 10 });
    expect(iterations.kept.map((it) => it.index)).toEqual([...Array.from({ length: 20 }, (_, i) => i), 50, 70]);
    expect(iterations.kept[20]).toMatchObject({ index: 50, status: 'failed', item: many[50] });
    expect(names(iterations.kept[20]!.steps)).toEqual(['isBad', 'fail']);
    expect((outputOf(trace.steps, 'each') as ApplyToEachOutput).results).toHaveLength(98);

    // `flowdesk run` prints the first few items and the failed ones, and says what it left out.
    const { formatTrace } = await import('../../runtime/hosts/cli/format-trace.js');
    const { createStyler } = await import('../../runtime/hosts/cli/output.js');
    const printed = formatTrace(trace, createStyler(false));
    expect(printed).toContain('iterations 100 items ran, 2 failed');
    // Numbered from 1, as the designer shows them: index 50 is item 51.
    expect(printed.match(/ item \d+ /g)).toEqual([
      ' item 1 ',
      ' item 2 ',
      ' item 3 ',
      ' item 4 ',
      ' item 5 ',
      ' item 51 ',
      ' item 71 ',
    ]);
    expect(printed).toMatch(
      /✗ item 51 \{"id":50,"bad":true\}.*\n.*isBad \(condition\) → true.*\n.*\n.*✗ fail \(code\)/,
    );
    expect(printed).toContain(
      '└─ … 93 more items (--json has the steps of the first 20 items and of 10 failed ones after them; the others are only counted)',
    );
  });

  it('gives each item its own run id (idempotency keys) and runs the items one at a time with 1', async () => {
    mostInFlight = 0;
    const flow = testFlow(
      [trigger(), loop(), probe('look')],
      [
        ['trigger', 'out', 'each'],
        ['each', 'each', 'look'],
      ],
    );
    const trace = await runtime.load(flow).run({ trigger: { body: { users } }, runId: 'run-1' });
    expect((outputOf(trace.steps, 'each') as ApplyToEachOutput).results).toEqual([
      { runId: 'run-1-0', item: users[0], index: 0 },
      { runId: 'run-1-1', item: users[1], index: 1 },
      { runId: 'run-1-2', item: users[2], index: 2 },
    ]);
    expect(mostInFlight).toBe(1);
  });

  it('stops with the run when the run times out inside the loop', async () => {
    const flow = testFlow(
      [trigger(), loop({ concurrency: 2 }), probe('slow', { waitMs: 60_000 })],
      [
        ['trigger', 'out', 'each'],
        ['each', 'each', 'slow'],
      ],
    );
    const trace = await runtime.load(flow).run({ trigger: { body: { users } }, timeoutMs: 200 });
    expect(trace.status).toBe('timeout');
    expect(trace.error?.message).toBe('the flow did not finish within 200 ms');
    expect(trace.steps[1]).toMatchObject({ name: 'each', error: { code: 'timeout' } });
  });

  it('sends at most "Items at a time" requests at once to a real server, and one at a time in list order with 1', async () => {
    // The server answers only once `limit` requests are waiting: with a lower limit in the
    // loop the run would hang (and time out), with a higher one more would arrive first.
    let limit = 4;
    let waiting: (() => void)[] = [];
    let open = 0;
    let most = 0;
    const server = await startTestServer((request, res) => {
      open++;
      most = Math.max(most, open);
      waiting.push(() => {
        open--;
        sendJson(res, 200, { id: request.path.split('/').pop() });
      });
      if (waiting.length >= limit) {
        const release = waiting;
        waiting = [];
        for (const answer of release) answer();
      }
    });
    try {
      const flowOf = (concurrency: number) =>
        testFlow(
          [
            trigger(),
            loop({ concurrency, result: '{{ steps.upsert.body.id }}' }),
            webService('upsert', {
              method: 'PUT',
              url: `${server.url}/users/{{ item.id }}`,
              body: { type: 'json', json: { name: '{{ item.id }}' } },
            }),
          ],
          [
            ['trigger', 'out', 'each'],
            ['each', 'each', 'upsert'],
          ],
        );
      const eight = Array.from({ length: 8 }, (_, i) => ({ id: `u${i}` }));
      const parallel = await runtime.load(flowOf(4)).run({ trigger: { body: { users: eight } }, timeoutMs: 20_000 });
      expect(parallel.status).toBe('success');
      expect(most).toBe(4);
      expect((outputOf(parallel.steps, 'each') as ApplyToEachOutput).results).toEqual(eight.map((u) => u.id));

      limit = 1;
      most = 0;
      server.seen.length = 0;
      const inOrder = await runtime.load(flowOf(1)).run({ trigger: { body: { users: eight } }, timeoutMs: 20_000 });
      expect(inOrder.status).toBe('success');
      expect(most).toBe(1);
      expect(server.seen.map((r) => r.path)).toEqual(eight.map((u) => `/users/${u.id}`));
    } finally {
      await server.close();
    }
  });

  it('has a form that validates its defaults, and a canvas summary', () => {
    const validate = createAjv([applyToEachManifest.configSchema]).compile(applyToEachManifest.configSchema);
    expect(validate({ ...applyToEachManifest.defaults, items: '{{ trigger.body.users }}' })).toBe(true);
    expect(validate({ ...applyToEachManifest.defaults, items: '{{ x }}', maxItems: 10_001 })).toBe(false);
    const words = (locale: 'en' | 'ja'): SummaryWords => ({
      locale,
      text: (key, vars = {}) =>
        applyToEachEditor.texts![locale][key]!.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? '')),
      option: (_p, v) => v,
    });
    const config = { items: '{{ trigger.body.users }}', concurrency: 4 };
    expect(applyToEachEditor.summary!(config, words('en'))).toBe('For each of {{ trigger.body.users }}, 4 at a time');
    expect(applyToEachEditor.summary!({ ...config, concurrency: 1 }, words('en'))).toBe(
      'For each of {{ trigger.body.users }}, one at a time',
    );
    expect(applyToEachEditor.summary!(config, words('ja'))).toBe('{{ trigger.body.users }} の各項目に、4 件ずつ同時に');
  });
});
