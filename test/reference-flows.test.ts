/**
 * The reference flows in flows/ pass their own test cases headless, and breaking one makes its
 * tests fail with a message an admin understands (the "done when").
 */
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { FlowFile } from '../core/flow.js';
import { runFlowTests, runTestFiles } from '../runtime/testing/run-flow-tests.js';

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
});
