/**
 * The benchmark's work as a Flowdesk flow: a webhook answered synchronously, a condition, a
 * Code node mapping five fields, a Web Service GET to the upstream, and Respond to webhook
 * with the mapped fields merged with the customer.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
// @ts-expect-error plain ES module shared with the bare handler
import { CODE_SOURCE } from './work.mjs';

export const BENCH_FLOW_ID = 'bench-call-end';

export function benchFlow(upstreamPort: number): Record<string, unknown> {
  return {
    $schema: 'https://flowdesk.dev/schema/flow-v1.json',
    schemaVersion: 1,
    id: BENCH_FLOW_ID,
    name: 'Benchmark: call end',
    nodes: [
      {
        id: 't',
        type: 'webhookTrigger',
        version: 1,
        name: 'callEnded',
        config: { auth: { type: 'none' }, fields: [], response: { mode: 'sync', timeoutMs: 10000 } },
      },
      {
        id: 'c',
        type: 'condition',
        version: 1,
        name: 'isCallEnd',
        config: {
          mode: 'rules',
          combinator: 'all',
          caseInsensitive: false,
          rules: [{ left: 'trigger.body.event', operator: 'equals', right: 'call.end' }],
        },
      },
      {
        id: 'm',
        type: 'code',
        version: 1,
        name: 'mapFields',
        config: { timeoutMs: 1000, memoryMB: 32, source: CODE_SOURCE as string },
      },
      {
        id: 'g',
        type: 'webService',
        version: 1,
        name: 'getCustomer',
        config: {
          method: 'GET',
          url: `http://127.0.0.1:${upstreamPort}/customers/{{ steps.mapFields.customerId }}`,
          query: [],
          headers: [],
          body: { type: 'none' },
          auth: { type: 'none' },
          timeoutMs: 5000,
          retry: { maxRetries: 0, initialDelayMs: 500, maxDelayMs: 10000 },
          maxResponseBytes: 1048576,
          mapping: [],
        },
      },
      {
        id: 'r',
        type: 'respondToWebhook',
        version: 1,
        name: 'answer',
        config: {
          status: 200,
          headers: [],
          body: "{{ $merge([steps.mapFields, { 'customer': steps.getCustomer.body }]) }}",
        },
      },
      {
        id: 's',
        type: 'respondToWebhook',
        version: 1,
        name: 'notACallEnd',
        config: { status: 204, headers: [], body: '' },
      },
    ],
    edges: [
      { from: 't', port: 'out', to: 'c' },
      { from: 'c', port: 'true', to: 'm' },
      { from: 'c', port: 'false', to: 's' },
      { from: 'm', port: 'success', to: 'g' },
      { from: 'g', port: 'success', to: 'r' },
    ],
  };
}

/** Writes the flow into `dir` and returns the directory `flowdesk serve` is given. */
export async function writeBenchFlow(dir: string, upstreamPort: number): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, `${BENCH_FLOW_ID}.flow.json`), JSON.stringify(benchFlow(upstreamPort), null, 2));
  return dir;
}
