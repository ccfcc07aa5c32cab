/**
 * Evaluates a Condition node with the shared rule builder (nodes/shared/rule-builder): rules
 * are compiled once at prepare; a run evaluates them and takes the `true` or `false` port.
 * Every rule's outcome is recorded with ctx.detail('rules', …) so the trace shows the value
 * each rule saw. In expression mode one JSONata expression decides.
 */
import { configCompiler } from '../../core/template-fields.js';
import {
  NodeError,
  type CompiledExpression,
  type ExecContext,
  type NodeExecutor,
  type NodeResult,
} from '../../core/node-type.js';
import { bareExpression, prepareRules } from '../shared/rule-builder/evaluate.js';
import { truthy } from '../shared/rule-builder/operators.js';
import { conditionManifest, type ConditionConfig } from './manifest.js';

export type { RuleDetail } from '../shared/rule-builder/evaluate.js';

export const conditionExecutor: NodeExecutor<ConditionConfig> = {
  type: conditionManifest.type,
  prepare(node, tools) {
    const config = node.config;
    // Each field compiles with the mode its schema declares (x-template).
    const compile = configCompiler(conditionManifest.configSchema, tools);

    if (config.mode === 'expression') {
      let expression: CompiledExpression;
      try {
        expression = compile.expression('/expression', bareExpression(config.expression ?? ''));
      } catch (error) {
        throw new NodeError(`expression: ${(error as Error).message}`, 'condition-config');
      }
      return {
        async run(ctx: ExecContext): Promise<NodeResult> {
          const value = await expression.evaluate(ctx.scope);
          const result = truthy(value);
          ctx.detail('expression', { expression: config.expression, value, result });
          return { port: result ? 'true' : 'false', output: { result } };
        },
      };
    }

    const rules = prepareRules(config.rules ?? [], {
      combinator: config.combinator === 'any' ? 'any' : 'all',
      caseInsensitive: config.caseInsensitive !== false,
      at: '/rules',
      compile,
      codes: { config: 'condition-config', run: 'condition-error' },
    });
    return {
      async run(ctx: ExecContext): Promise<NodeResult> {
        const { matched, details } = await rules.evaluate(ctx.scope);
        ctx.detail('rules', details);
        return { port: matched ? 'true' : 'false', output: { result: matched } };
      },
    };
  },
};
