/**
 * Runs a Switch: in rules mode every output's rules are evaluated (all of them, so the trace
 * shows each output with the values its rules saw), then the first matching output — or every
 * matching one with "all" — is taken; in expression mode the expression's value names the
 * output. Nothing matching takes `default`.
 */
import { configCompiler } from '../../core/template-fields.js';
import {
  NodeError,
  type CompiledExpression,
  type ExecContext,
  type NodeExecutor,
  type NodeResult,
} from '../../core/node-type.js';
import { bareExpression, prepareRules, type RuleDetail } from '../shared/rule-builder/evaluate.js';
import { DEFAULT_PORT, switchManifest, type SwitchConfig } from './manifest.js';

/** One output as the trace records it. */
export interface OutputDetail {
  name: string;
  matched: boolean;
  rules: RuleDetail[];
}

const CODES = { config: 'switch-config', run: 'switch-error' };

/** The ports a run takes: the matched outputs (the first one only unless `all`), else `default`. */
function taken(matched: readonly string[], all: boolean): NodeResult {
  const ports = matched.length === 0 ? [DEFAULT_PORT] : all ? matched : matched.slice(0, 1);
  const output = { output: ports[0]!, outputs: [...ports] };
  return ports.length > 1 ? { port: ports[0]!, ports, output } : { port: ports[0]!, output };
}

export const switchExecutor: NodeExecutor<SwitchConfig> = {
  type: switchManifest.type,
  prepare(node, tools) {
    const config = node.config;
    const compile = configCompiler(switchManifest.configSchema, tools);
    const caseInsensitive = config.caseInsensitive !== false;
    const all = config.matching === 'all';
    const outputs = config.outputs ?? [];

    if (config.mode === 'expression') {
      let expression: CompiledExpression;
      try {
        expression = compile.expression('/expression', bareExpression(config.expression ?? ''));
      } catch (error) {
        throw new NodeError(`expression: ${(error as Error).message}`, CODES.config);
      }
      const key = (name: string) => (caseInsensitive ? name.toLowerCase() : name);
      const byKey = new Map(outputs.map((o) => [key(o.name), o.name]));
      return {
        async run(ctx: ExecContext): Promise<NodeResult> {
          const value = await expression.evaluate(ctx.scope);
          // A list names several outputs (taken with "all"); text, numbers and booleans one.
          const values = Array.isArray(value) ? value : [value];
          const matched: string[] = [];
          for (const v of values) {
            if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') continue;
            const name = byKey.get(key(String(v)));
            if (name !== undefined && !matched.includes(name)) matched.push(name);
          }
          const result = taken(matched, all);
          ctx.detail('expression', { expression: config.expression, value, selected: result.ports ?? [result.port] });
          return result;
        },
      };
    }

    const prepared = outputs.map((output) => ({
      name: output.name,
      rules: prepareRules(output.rules ?? [], {
        combinator: output.combinator === 'any' ? 'any' : 'all',
        caseInsensitive,
        at: '/outputs/*/rules',
        compile,
        codes: CODES,
      }),
      // An output without rules never matches (the validator warns about it).
      empty: (output.rules ?? []).length === 0,
    }));
    return {
      async run(ctx: ExecContext): Promise<NodeResult> {
        const details: OutputDetail[] = [];
        for (const output of prepared) {
          const { matched, details: rules } = await output.rules.evaluate(ctx.scope);
          details.push({ name: output.name, matched: matched && !output.empty, rules });
        }
        ctx.detail('outputs', details);
        return taken(
          details.filter((d) => d.matched).map((d) => d.name),
          all,
        );
      },
    };
  },
};
