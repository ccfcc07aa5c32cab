/**
 * Runs the Code node's source in the sandbox (ctx.sandbox) with `{ trigger, steps, vars }`.
 * The sandbox compiles each distinct source once and keeps it warm, so prepare has nothing
 * to compile here; the output is what the code returned.
 */
import { NodeError, type ExecContext, type NodeExecutor, type NodeResult } from '../../core/node-type.js';
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
    return {
      async run(ctx: ExecContext): Promise<NodeResult> {
        const { trigger, steps, vars } = ctx.scope;
        const result = await ctx.sandbox.run(source, { trigger, steps, vars }, limits);
        // Console output belongs in the trace whether or not the code succeeded.
        for (const line of result.logs) ctx.log(line.level, line.message);
        if (!result.ok) throw new NodeError(result.error, 'code-error', { error: result.error });
        return { port: 'success', output: result.value };
      },
    };
  },
};
