import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFlowTests } from '../../runtime/testing/run-flow-tests.js';
import type { FlowFile } from '../../core/flow.js';
import { validateFlow } from '../../core/validate/validate-flow.js';
import { createFlowRuntime } from '../../runtime/engine/flow-runtime.js';
import { runNode } from '../../test/support/exec-context.js';
import { condition, testFlow, testNode, trigger } from '../../test/support/test-flows.js';
import { NODE_MANIFESTS } from '../registry.js';
import { respondToWebhookExecutor } from './executor.js';
import { respondToWebhookManifest } from './manifest.js';

const respond = (name: string, config: Record<string, unknown> = {}) => testNode('respondToWebhook', name, config);
const scope = { trigger: { body: { id: 'c-9', vip: true }, headers: {}, query: {} }, steps: {}, vars: { name: 'Ann' } };

describe('Respond to webhook', () => {
  it('renders status, headers and a typed JSON body and hands them to the host', async () => {
    const node = respond('answer', {
      status: '{{ trigger.body.vip ? 201 : 200 }}',
      headers: [{ name: 'X-Case', value: 'case-{{ trigger.body.id }}' }],
      body: { name: '{{ vars.name }}', vip: '{{ trigger.body.vip }}' },
    });
    const { result, ctx } = await runNode(respondToWebhookExecutor, { node, scope });
    const answer = { status: 201, headers: { 'X-Case': 'case-c-9' }, body: { name: 'Ann', vip: true } };
    expect(ctx.responses).toEqual([answer]);
    expect(result).toEqual({ port: 'out', output: answer });
  });

  it('fails with a clear message when the status template gives no HTTP status', async () => {
    const node = respond('answer', { status: '{{ vars.name }}' });
    await expect(runNode(respondToWebhookExecutor, { node, scope })).rejects.toThrow(
      'the status template gave "Ann", not an HTTP status from 100 to 599',
    );
  });

  it('validates: defaults pass, reserved headers and bad statuses are named', () => {
    const flow = (config: Record<string, unknown>) =>
      testFlow([trigger(), respond('answer', config)], [['trigger', 'out', 'answer']]);
    expect(validateFlow(flow({}), NODE_MANIFESTS).filter((i) => i.severity === 'error')).toEqual([]);
    const errors = (config: Record<string, unknown>) =>
      validateFlow(flow(config), NODE_MANIFESTS)
        .filter((i) => i.severity === 'error')
        .map((i) => `${i.pointer} ${i.message}`);
    expect(errors({ headers: [{ name: 'Content-Length', value: '1' }] })).toEqual([
      "/nodes/1/config/headers/0/name Respond to webhook 'answer': Content-Length is set by the server; leave it out",
    ]);
    const status = errors({ status: 999 });
    expect(status).toHaveLength(1);
    expect(status[0]).toMatch(/^\/nodes\/1\/config\/status Respond to webhook 'answer': Status/);
    expect(respondToWebhookManifest.provides).toEqual(['webhook-response']);
  });

  it('requires a Respond node on every path of a sync trigger', () => {
    const sync = trigger({ response: { mode: 'sync', timeoutMs: 5000 } });
    const rules = [{ left: '{{ trigger.body.vip }}', op: 'equals', right: 'true' }];
    const gap = testFlow(
      [sync, condition('isVip', rules), respond('answer')],
      [
        ['trigger', 'out', 'isVip'],
        ['isVip', 'true', 'answer'],
      ],
    );
    const issues = validateFlow(gap, NODE_MANIFESTS).filter((i) => i.code === 'path-requirement');
    expect(issues.map((i) => i.message)).toEqual([
      "Webhook 'trigger': the caller waits for an answer (sync response), so every path must reach a Respond to webhook node, but the path through Condition 'isVip''s 'false' port ends without one",
    ]);
    const covered: FlowFile = testFlow(
      [sync, condition('isVip', rules), respond('answer'), respond('other')],
      [
        ['trigger', 'out', 'isVip'],
        ['isVip', 'true', 'answer'],
        ['isVip', 'false', 'other'],
      ],
    );
    expect(validateFlow(covered, NODE_MANIFESTS).filter((i) => i.code === 'path-requirement')).toEqual([]);
    // An async trigger needs none.
    expect(
      validateFlow(testFlow([trigger()], []), NODE_MANIFESTS).filter((i) => i.code === 'path-requirement'),
    ).toEqual([]);
  });

  it('puts the answer in the run trace; a second Respond node is recorded but not sent', async () => {
    const flow = testFlow(
      [trigger(), respond('first', { body: { n: 1 } }), respond('second', { body: { n: 2 } })],
      [
        ['trigger', 'out', 'first'],
        ['first', 'out', 'second'],
      ],
    );
    const sent: unknown[] = [];
    const runtime = createFlowRuntime({ credentials: { get: () => Promise.resolve(undefined) } });
    const trace = await runtime.load(flow).run({ trigger: { body: {} }, onRespond: (r) => sent.push(r) });
    expect(trace.status).toBe('success');
    expect(sent).toEqual([{ status: 200, headers: {}, body: { n: 1 } }]);
    expect(trace.response).toEqual({ status: 200, headers: {}, body: { n: 1 }, nodeName: 'first' });
    expect(trace.steps[2]!.logs[0]!.message).toMatch(/already answered/);
  });

  it('lets a test case assert the answer (flowdesk test), naming what differs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'respond-test-'));
    try {
      const flow = testFlow(
        [
          trigger({ response: { mode: 'sync' } }),
          respond('answer', { status: 202, body: { id: '{{ trigger.body.id }}' } }),
        ],
        [['trigger', 'out', 'answer']],
        {
          id: 'answers',
          name: 'Answers',
          tests: [
            {
              name: 'right',
              trigger: { body: { id: 'a-1' } },
              expect: { response: { status: 202, body: { id: 'a-1' } } },
            },
            {
              name: 'wrong',
              trigger: { body: { id: 'a-1' } },
              expect: { response: { status: 200, body: { id: 'b' } } },
            },
          ],
        },
      );
      const file = join(dir, 'answers.flow.json');
      writeFileSync(file, JSON.stringify(flow));
      const [right, wrong] = await runFlowTests(file, { env: {} });
      expect(right!.failures).toEqual([]);
      expect(wrong!.failures.map((f) => f.what)).toEqual(['response.status', 'response.body.id']);
      expect(wrong!.failures[0]!.message).toBe("expected the answer's status 200, got 202 (from 'answer')");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
