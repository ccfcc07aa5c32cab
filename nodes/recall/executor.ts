/** Runs a Recall node: renders the key and reads it through `ctx.state`; Found or Not found. */
import type { ExecContext, NodeExecutor, NodeResult } from '../../core/node-type.js';
import { configCompiler } from '../../core/template-fields.js';
import { stateFailure } from '../shared/state/state-failure.js';
import { FOUND_PORT, NOT_FOUND_PORT, recallManifest, type RecallConfig } from './manifest.js';

export const recallExecutor: NodeExecutor<RecallConfig> = {
  type: recallManifest.type,
  prepare(node, tools) {
    const key = configCompiler(recallManifest.configSchema, tools).template('/key', node.config.key ?? '');
    return {
      async run(ctx: ExecContext): Promise<NodeResult> {
        const k = String(await key.evaluate(ctx.scope));
        let value: unknown;
        try {
          value = await ctx.state.get(k);
        } catch (err) {
          throw stateFailure(err, k);
        }
        // The same shape either way, so `steps.<node>.value` is null, never missing, when nothing was found.
        return value === undefined
          ? { port: NOT_FOUND_PORT, output: { key: k, found: false, value: null } }
          : { port: FOUND_PORT, output: { key: k, found: true, value } };
      },
    };
  },
};
