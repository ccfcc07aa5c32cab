/**
 * The reference flows in flows/ pass their own test cases headless, and breaking one makes its
 * tests fail with a message an admin understands (the "done when").
 */
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { FlowFile } from '../core/flow.js';
import { webhookTriggerExecutor } from '../nodes/webhook-trigger/executor.js';
import type { WebhookTriggerConfig } from '../nodes/webhook-trigger/manifest.js';
import { placeholderValue } from '../runtime/credentials/placeholder-provider.js';
import { runFlowTests, runTestFiles } from '../runtime/testing/run-flow-tests.js';
import { taskRouterExampleForm } from './support/taskrouter-example.js';

const FLOWS = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'flows');
const QUALTRICS = join(FLOWS, 'qualtrics-genesys-post-interaction.flow.json');
const EX_WRAPUP = join(FLOWS, 'genesys-ex-wrapupcode-sync.flow.json');

const EX_RATE_LIMITED =
  'Genesys Cloud answers 429 with Retry-After: the search waits, is sent again and the rename goes through';

describe('reference flows', () => {
  it('pass every test case, each flow with at least three', async () => {
    const report = await runTestFiles([FLOWS], { env: {} });
    expect(report.errors).toEqual([]);
    const failed = report.cases
      .filter((c) => !c.passed)
      .map((c) => `${c.testName}: ${c.failures.map((f) => f.message).join('; ')}`);
    expect(failed).toEqual([]);
    const perFlow = new Map<string, number>();
    for (const c of report.cases) perFlow.set(c.flowFile, (perFlow.get(c.flowFile) ?? 0) + 1);
    expect(perFlow.size).toBeGreaterThanOrEqual(3);
    for (const count of perFlow.values()) expect(count).toBeGreaterThanOrEqual(3);
  });

  it("wait the 429's Retry-After before sending the EX sync's search again", async () => {
    const [result] = await runFlowTests(EX_WRAPUP, { env: {}, testName: EX_RATE_LIMITED });
    expect(result!.passed).toBe(true);
    const find = result!.trace.steps.find((s) => s.name === 'findWrapupCode')!;
    const calls = find.requests.filter((r) => r.purpose !== 'token');
    expect(calls.map((r) => [r.status, r.attempt, r.retryInMs])).toEqual([
      [429, 1, 3000],
      [200, 2, undefined],
    ]);
  });

  it("the Flex flow's cases are TaskRouter posts Twilio's algorithm accepts, and a changed parameter is refused", async () => {
    const file = join(FLOWS, 'flex-zendesk-existing-ticket-or-new.flow.json');
    const flow = JSON.parse(await readFile(file, 'utf8')) as FlowFile;
    const trigger = flow.nodes[0]!;
    // The server's public address plus /hooks/<flow id>, as `flowdesk serve --public-url https://flows.example.com` sees it.
    const url = `https://flows.example.com/hooks/${flow.id}`;
    const secret = placeholderValue('twilio-webhook', 'secret');
    const credential = { name: 'twilio-webhook', kind: 'hmac' as const, fields: { secret } };
    const verify = (headers: Record<string, string>, rawBody: string) =>
      webhookTriggerExecutor.verifyInbound!(trigger.config as WebhookTriggerConfig, credential, {
        headers,
        rawBody,
        url,
      });
    expect(flow.tests!.length).toBeGreaterThanOrEqual(4);
    for (const test of flow.tests!) {
      const { headers = {}, body } = test.trigger;
      expect(typeof body, test.name).toBe('string');
      expect(verify(headers, body as string), test.name).toEqual({ ok: true });
      expect(verify(headers, (body as string).replace('WorkerName=Aiko', 'WorkerName=Mallory')).ok, test.name).toBe(
        false,
      );
    }
  });

  it('fail in plain words when a response mapping is broken', async () => {
    const flow = JSON.parse(await readFile(QUALTRICS, 'utf8')) as FlowFile;
    const getAgent = flow.nodes.find((n) => n.name === 'getAgent')!;
    // An admin mistypes the mapping path: the agent name no longer resolves.
    (getAgent.config.mapping as { path: string }[])[0]!.path = 'fullName';
    const results = await runFlowTests({ text: JSON.stringify(flow), path: QUALTRICS }, { env: {} });
    const failures = results.flatMap((r) => r.failures);
    expect(failures.length).toBeGreaterThan(0);
    expect(
      failures.some(
        (f) => f.what.startsWith('steps.getAgent.fields.agentName') && /expected "[^"]+", got ""/.test(f.message),
      ),
    ).toBe(true);
  });

  it('refuse to load, naming the node, when a node is left unwired', async () => {
    const flow = JSON.parse(await readFile(QUALTRICS, 'utf8')) as FlowFile;
    const ticket = flow.nodes.find((n) => n.type === 'ticket')!;
    flow.edges = flow.edges.filter((e) => e.to !== ticket.id);
    const error = await runFlowTests({ text: JSON.stringify(flow), path: QUALTRICS }, { env: {} }).catch(
      (e: unknown) => e,
    );
    expect((error as Error).message).toContain("'openTicket'");
  });

  it('fail naming the path when a condition sends the run the other way', async () => {
    const flow = JSON.parse(await readFile(QUALTRICS, 'utf8')) as FlowFile;
    const unhappy = flow.nodes.find((n) => n.name === 'isDissatisfied')!;
    // An admin flips the comparison: dissatisfied customers no longer get a ticket.
    (unhappy.config.rules as { operator: string }[])[0]!.operator = 'gt';
    const results = await runFlowTests({ text: JSON.stringify(flow), path: QUALTRICS }, { env: {} });
    const pathFailure = results.flatMap((r) => r.failures).find((f) => f.what === 'path');
    expect(pathFailure?.message).toMatch(
      /^expected the path .* → openTicket, got .*isDissatisfied \(stopped before "openTicket"\)$/,
    );
  });

  it('run the Flex lifecycle flow’s other-event case on the real TaskRouter example, unchanged', async () => {
    const flow = JSON.parse(await readFile(join(FLOWS, 'flex-zendesk-task-lifecycle.flow.json'), 'utf8')) as FlowFile;
    const other = flow.tests!.find((t) => t.name.startsWith('another TaskRouter event'))!;
    expect(other.trigger.body).toBe(
      taskRouterExampleForm('twilio-taskrouter-event-task-queue.expression.updated-example.txt'),
    );
  });

  it('catch a Flex lifecycle flow that would open a second ticket for a redelivered event', async () => {
    // An admin turns the claim into a plain "remember the value": a duplicate created event then
    // opens a second ticket, and the flow's own duplicate case says so.
    const path = join(FLOWS, 'flex-zendesk-task-lifecycle.flow.json');
    const flow = JSON.parse(await readFile(path, 'utf8')) as FlowFile;
    flow.nodes.find((n) => n.name === 'claimTask')!.config.operation = 'set';
    flow.edges = flow.edges.map((e) => (e.from === 'n-claim' ? { ...e, port: 'done' } : e));
    const results = await runFlowTests({ text: JSON.stringify(flow), path }, { env: {} });
    const duplicate = results.find((r) => r.testName.startsWith('the created event again'))!;
    expect(duplicate.passed).toBe(false);
    expect(duplicate.failures.map((f) => f.what)).toContain('path');
  });
});
