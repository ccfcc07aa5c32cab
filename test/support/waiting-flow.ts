/**
 * The flow the durable-wait suites run on a server (single and queue mode): a webhook, a GET
 * before, a 10-minute Wait, a GET after, both against a loopback upstream that records every
 * path, so a test can tell whether the run went on after the Wait, and how often.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { sendJson, startTestServer, type TestServer } from './http-server.js';
import { testFlow, testNode, trigger, webService } from './test-flows.js';

/** The flow's id (its webhook is `/hooks/waits`) and the Wait node's name. */
const WAITING_FLOW_ID = 'waits';
export const WAIT_NODE = 'letAnalyticsCatchUp';

export interface WaitingFlowFolder {
  /** A temporary folder: the flows under `flows/`, room for `history.db`. */
  dir: string;
  flows: string;
  upstream: TestServer;
  /** Paths the upstream was asked for, in order: `/before/<id>`, `/after/<id>`. */
  calls: string[];
  remove(): Promise<void>;
}

export async function waitingFlowFolder(prefix: string): Promise<WaitingFlowFolder> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const flows = join(dir, 'flows');
  mkdirSync(flows);
  const calls: string[] = [];
  const upstream = await startTestServer((req, res) => {
    calls.push(req.path);
    sendJson(res, 200, { ok: true });
  });
  const u = upstream.url;
  const flow = testFlow(
    [
      trigger(),
      webService('before', { method: 'GET', url: `${u}/before/{{ trigger.body.id }}` }),
      testNode('wait', WAIT_NODE, { mode: 'delay', delay: '10 minutes' }),
      webService('after', { method: 'GET', url: `${u}/after/{{ trigger.body.id }}` }),
    ],
    [
      ['trigger', 'out', 'before'],
      ['before', 'success', WAIT_NODE],
      [WAIT_NODE, 'out', 'after'],
    ],
    { id: WAITING_FLOW_ID, name: 'Waits' },
  );
  writeFileSync(join(flows, `${WAITING_FLOW_ID}.flow.json`), JSON.stringify(flow));
  return {
    dir,
    flows,
    upstream,
    calls,
    async remove() {
      await upstream.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Posts `{ id }` to the flow's webhook on `serverUrl`; answers the accepted execution's id. */
export async function deliverToWaitingFlow(serverUrl: string, id: string): Promise<string> {
  const res = await fetch(`${serverUrl}/hooks/${WAITING_FLOW_ID}`, {
    method: 'POST',
    body: JSON.stringify({ id }),
    headers: { 'content-type': 'application/json' },
  });
  expect(res.status).toBe(202);
  return ((await res.json()) as { executionId: string }).executionId;
}
