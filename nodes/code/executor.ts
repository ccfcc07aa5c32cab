/**
 * Runs the Code node's source in the sandbox (ctx.sandbox) with `{ trigger, steps, vars, params }`,
 * narrowed to what the source can read (code-inputs.ts, planned once here). The sandbox
 * compiles each distinct source once and keeps it warm; the output is what the code returned.
 */
import { NodeError, type ExecContext, type NodeExecutor, type NodeResult } from '../../core/node-type.js';
import { inputFor, planInputs } from './code-inputs.js';
import type { CodeConfig } from './manifest.js';
import { codeManifest } from './manifest.js';

export const codeExecutor: NodeExecutor<CodeConfig> = {
  type: codeManifest.type,
  prepare(node) {
    const { source } = node.config;
    const limits = {
      timeoutMs: node.config.timeoutMs ?? 1000,
      memoryBytes: (node.config.memoryMB ?? 32) * 1024 * 1024,
    };
    const plan = planInputs(source);
    return {
      async run(ctx: ExecContext): Promise<NodeResult> {
        const result = await ctx.sandbox.run(source, inputFor(plan, ctx.scope), limits);
        // Console output belongs in the trace whether or not the code succeeded.
        for (const line of result.logs) ctx.log(line.level, line.message);
        if (!result.ok) throw new NodeError(result.error, 'code-error', { error: result.error });
        return { port: 'success', output: result.value };
      },
    };
  },
};
