/**
 * Runs a Remember node: renders the key (and the value), then writes through `ctx.state`, the
 * flow's own keys. Set-if-absent takes `done` when this run was first and `already` when
 * another run was; the output says so either way (`first`) and holds what the key holds now.
 */
import type { ExecContext, NodeExecutor, NodeResult } from '../../core/node-type.js';
import type { StateWriteOptions } from '../../core/state-store.js';
import { configCompiler } from '../../core/template-fields.js';
import { forgetAfterMs } from '../shared/state/forget-after.js';
import { stateFailure } from '../shared/state/state-failure.js';
import { ALREADY_PORT, DONE_PORT, rememberManifest, type RememberConfig } from './manifest.js';

export const rememberExecutor: NodeExecutor<RememberConfig> = {
  type: rememberManifest.type,
  prepare(node, tools) {
    const config = node.config;
    const compile = configCompiler(rememberManifest.configSchema, tools);
    const operation = config.operation ?? 'set';
    const key = compile.template('/key', config.key ?? '');
    const value =
      operation === 'set' || operation === 'setIfAbsent' ? compile.value('/value', config.value ?? '') : undefined;
    const ttlMs = operation === 'delete' ? undefined : forgetAfterMs(config.forgetAfter, config.forgetUnit);
    const options: StateWriteOptions = ttlMs === undefined ? {} : { ttlMs };
    const by = config.by ?? 1;
    // What the step report shows besides the output: the operation and how long the key lives.
    const kept = ttlMs === undefined ? null : { forgetAfter: config.forgetAfter, unit: config.forgetUnit ?? 'days' };

    return {
      async run(ctx: ExecContext): Promise<NodeResult> {
        const k = String(await key.evaluate(ctx.scope));
        // Rendered before the store is asked, so a template error is not taken for a store failure.
        const v = value ? await value.evaluate(ctx.scope) : undefined;
        ctx.detail('state', { operation, key: k, ...(operation === 'delete' ? {} : { kept }) });
        try {
          switch (operation) {
            case 'set':
              await ctx.state.set(k, v, options);
              return { port: DONE_PORT, output: { key: k, value: v } };
            case 'setIfAbsent': {
              const { won, value: now } = await ctx.state.setIfAbsent(k, v, options);
              return { port: won ? DONE_PORT : ALREADY_PORT, output: { key: k, first: won, value: now ?? null } };
            }
            case 'increment':
              return { port: DONE_PORT, output: { key: k, value: await ctx.state.increment(k, by, options) } };
            case 'delete':
              return { port: DONE_PORT, output: { key: k, existed: await ctx.state.delete(k) } };
          }
        } catch (err) {
          throw stateFailure(err, k);
        }
      },
    };
  },
};
