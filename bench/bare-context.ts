/**
 * The smallest ExecContext a logic node (Condition, Switch) runs in: no HTTP, no sandbox, logs
 * dropped. The benches call a prepared node with it to measure the node's own work, which the
 * engine's per-node overhead is the rest of.
 */
import type { FlowNode } from '../core/flow.js';
import type { ExecContext } from '../core/node-type.js';

export function bareExecContext(node: FlowNode, body: unknown): ExecContext {
  return {
    node,
    scope: { trigger: { body, headers: {}, query: {} }, steps: {}, vars: {} },
    runId: 'bench',
    signal: new AbortController().signal,
    http: undefined as never,
    sandbox: undefined as never,
    credential: async () => undefined,
    log() {},
    detail() {},
    now: Date.now,
    sleep: async () => {},
    respond() {},
    state: undefined as never,
  };
}
