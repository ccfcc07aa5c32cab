/**
 * Issue 9's executor figures: the engine's overhead per Switch visit, per node visit in a flow
 * with a Switch and an Apply to each of 1,000 items (the loop's per-item work and the bounded
 * iteration trace included), and what joins add per node visit. Each flow is
 * built of Conditions with static rules, so the node's own work is the same as in run.ts's
 * plain chain; the rows give the cost per node visit and the difference from that chain.
 * Run alone with `node --import tsx bench/flow-control.bench.ts`; `npm run bench` includes it.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createPrepareTools } from '../core/expressions/compile.js';
import type { FlowEdge, FlowFile, FlowNode } from '../core/flow.js';
import { bareExecContext } from './bare-context.js';
import { NODE_MANIFESTS } from '../nodes/registry.js';
import { NODE_EXECUTORS } from '../nodes/registry.runtime.js';
import { createFlowRuntime } from '../runtime/engine/flow-runtime.js';

export interface BenchRow {
  what: string;
  value: number;
  unit: string;
  target?: number;
  direction?: 'max' | 'min';
  note?: string;
}

const RULE = { left: 'trigger.body.kind', operator: 'equals', right: 'chat' };

function node(id: string, type: string, config: Record<string, unknown>): FlowNode {
  const manifest = NODE_MANIFESTS.find((m) => m.type === type)!;
  return { id, type, version: manifest.version, name: id, config: { ...manifest.defaults, ...config } };
}

const check = (id: string) =>
  node(id, 'condition', { mode: 'rules', combinator: 'all', caseInsensitive: false, rules: [RULE] });

function flowOf(id: string, nodes: FlowNode[], edges: FlowEdge[]): FlowFile {
  return { $schema: 'https://flowdesk.dev/schema/flow-v1.json', schemaVersion: 1, id, name: id, nodes, edges };
}

const triggerNode = () => node('t', 'webhookTrigger', { auth: { type: 'none' }, fields: [] });

/** trigger → c0 → c1 → … (every node has one incoming edge). */
function chain(n: number): FlowFile {
  const nodes = [triggerNode()];
  const edges: FlowEdge[] = [];
  for (let i = 0; i < n; i++) {
    nodes.push(check(`c${i}`));
    edges.push({ from: i === 0 ? 't' : `c${i - 1}`, port: i === 0 ? 'out' : 'true', to: `c${i}` });
  }
  return flowOf(`chain-${n}`, nodes, edges);
}

/** A Switch with three outputs on the event kind; `chat` (the last) matches. */
const route = (id: string) =>
  node(id, 'switch', {
    mode: 'rules',
    matching: 'first',
    caseInsensitive: false,
    outputs: ['voice', 'email', 'chat'].map((kind) => ({
      name: kind,
      combinator: 'all',
      rules: [{ left: 'trigger.body.kind', operator: 'equals', right: kind }],
    })),
  });

/** trigger → s0 → s1 → … through each Switch's `chat` output. */
function switchChain(n: number): FlowFile {
  const nodes = [triggerNode()];
  const edges: FlowEdge[] = [];
  for (let i = 0; i < n; i++) {
    nodes.push(route(`s${i}`));
    edges.push({ from: i === 0 ? 't' : `s${i - 1}`, port: i === 0 ? 'out' : 'chat', to: `s${i}` });
  }
  return flowOf(`switches-${n}`, nodes, edges);
}

/**
 * trigger → route (Switch, `chat`) → each (Apply to each over `trigger.body.items`) ⟨each:
 * check0 → … → check(k-1)⟩: every item runs a chain of `k` Conditions. Visits: the Switch, the
 * loop, and `k` per item.
 */
function switchAndLoop(bodyNodes: number): FlowFile {
  const nodes = [
    triggerNode(),
    route('route'),
    node('each', 'applyToEach', { items: '{{ trigger.body.items }}', maxItems: 10_000 }),
  ];
  const edges: FlowEdge[] = [
    { from: 't', port: 'out', to: 'route' },
    { from: 'route', port: 'chat', to: 'each' },
  ];
  for (let i = 0; i < bodyNodes; i++) {
    nodes.push(check(`b${i}`));
    edges.push({ from: i === 0 ? 'each' : `b${i - 1}`, port: i === 0 ? 'each' : 'true', to: `b${i}` });
  }
  return flowOf(`switch-loop-${bodyNodes}`, nodes, edges);
}

/** µs per node visit of a Switch and an Apply to each of `items` items, the trigger-only run subtracted. */
async function loopVisitUs(items: number, bodyNodes: number): Promise<{ perVisit: number; visits: number }> {
  const runtime = createFlowRuntime({ credentials: { get: async () => undefined } });
  const loaded = runtime.load(switchAndLoop(bodyNodes));
  const single = runtime.load(chain(0));
  const body = { kind: 'chat', items: Array.from({ length: items }, (_, i) => ({ id: i })) };
  const trigger = { body };
  const first = await loaded.run({ trigger });
  const loop = first.steps[2];
  if (first.status !== 'success' || loop?.iterations?.count !== items) {
    throw new Error(`the loop did not run every item: ${first.status} ${first.error?.message ?? ''}`);
  }
  const rate = await bestRate(() => loaded.run({ trigger }), 8, 400, 3);
  const singleRate = await bestRate(() => single.run({ trigger: { body: { kind: 'chat' } } }), 12, 150, 50);
  const visits = 2 + items * bodyNodes;
  return { perVisit: (1e6 / rate - 1e6 / singleRate) / visits, visits };
}

/** µs per call of a node's prepared run, called directly: its own work, no engine around it. */
async function directUs(flowNode: FlowNode): Promise<number> {
  const prepared = NODE_EXECUTORS.get(flowNode.type)!.prepare(flowNode, createPrepareTools());
  const ctx = bareExecContext(flowNode, { kind: 'chat' });
  const rate = await bestRate(
    async () => {
      for (let i = 0; i < 100; i++) await prepared.run(ctx);
    },
    5,
    300,
    5,
  );
  return 1e6 / (rate * 100);
}

/** `k` diamonds in a row: j(i-1) → a(i), b(i) → j(i); every third node joins two branches. */
function diamonds(k: number): FlowFile {
  const nodes = [triggerNode()];
  const edges: FlowEdge[] = [];
  let prev = { id: 't', port: 'out' };
  for (let i = 0; i < k; i++) {
    nodes.push(check(`a${i}`), check(`b${i}`), check(`j${i}`));
    edges.push(
      { from: prev.id, port: prev.port, to: `a${i}` },
      { from: prev.id, port: prev.port, to: `b${i}` },
      { from: `a${i}`, port: 'true', to: `j${i}` },
      { from: `b${i}`, port: 'true', to: `j${i}` },
    );
    prev = { id: `j${i}`, port: 'true' };
  }
  return flowOf(`diamonds-${k}`, nodes, edges);
}

async function bestRate(fn: () => Promise<unknown>, rounds: number, roundMs: number, warmup: number): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  let best = 0;
  for (let r = 0; r < rounds; r++) {
    let n = 0;
    const t0 = performance.now();
    let elapsed = 0;
    while (elapsed < roundMs) {
      await fn();
      n++;
      elapsed = performance.now() - t0;
    }
    best = Math.max(best, (n / elapsed) * 1000);
  }
  return best;
}

/** µs per node visit of a flow of `visits` nodes after the trigger, the trigger-only run subtracted. */
async function perVisitUs(flow: FlowFile, visits: number): Promise<number> {
  const runtime = createFlowRuntime({ credentials: { get: async () => undefined } });
  const loaded = runtime.load(flow);
  const single = runtime.load(chain(0));
  const trigger = { body: { kind: 'chat' } };
  const first = await loaded.run({ trigger });
  if (first.status !== 'success' || first.steps.length !== visits + 1) {
    throw new Error(`${flow.id} did not visit every node: ${first.status} ${first.error?.message ?? ''}`);
  }
  const rate = await bestRate(() => loaded.run({ trigger }), 12, 250, 5);
  const singleRate = await bestRate(() => single.run({ trigger }), 12, 150, 50);
  return (1e6 / rate - 1e6 / singleRate) / visits;
}

export async function runFlowControlBench(): Promise<BenchRow[]> {
  const K = 333;
  const chainUs = await perVisitUs(chain(3 * K), 3 * K);
  const diamondUs = await perVisitUs(diamonds(K), 3 * K);
  const N = 1000;
  const switchVisitUs = await perVisitUs(switchChain(N), N);
  const switchOwnUs = await directUs(route('s'));
  const ITEMS = 1000;
  const BODY = 2;
  const loop = await loopVisitUs(ITEMS, BODY);
  const checkOwnUs = await directUs(check('c'));
  // The nodes' own work (the Switch once, the Conditions per item), spread over every visit.
  const ownPerVisit = (switchOwnUs + ITEMS * BODY * checkOwnUs) / loop.visits;
  return [
    {
      what: 'executor overhead per node visit, Switch + Apply to each of 1,000 items',
      value: loop.perVisit - ownPerVisit,
      unit: 'µs',
      target: 5,
      direction: 'max',
      note: `trigger → Switch → Apply to each over ${ITEMS} items, ${BODY} Conditions per item (${loop.visits} visits, the loop's per-item work and its bounded iteration trace included): ${loop.perVisit.toFixed(2)} µs/visit, the nodes' own work ${ownPerVisit.toFixed(2)} µs/visit`,
    },
    {
      what: 'executor overhead per node visit, Switch',
      value: switchVisitUs - switchOwnUs,
      unit: 'µs',
      target: 5,
      direction: 'max',
      note: `chain of ${N} Switches (3 outputs, 3 rules each): ${switchVisitUs.toFixed(2)} µs/visit, the Switch alone ${switchOwnUs.toFixed(2)} µs`,
    },
    {
      what: 'node visit in a flow of joins (condition work included)',
      value: diamondUs,
      unit: 'µs',
      note: `${K} diamonds (${K} joins of two branches), ${3 * K} nodes; a plain chain of as many: ${chainUs.toFixed(2)} µs`,
    },
    {
      what: 'join cost over a plain chain, per node visit',
      value: diamondUs - chainUs,
      unit: 'µs',
      target: 1,
      direction: 'max',
      note: 'what waiting for branches adds to the walk (trace recording included)',
    },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const row of await runFlowControlBench()) {
    console.log(`${row.what}: ${row.value.toFixed(2)} ${row.unit}${row.note ? `  (${row.note})` : ''}`);
  }
}
