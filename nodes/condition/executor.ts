/**
 * Evaluates a Condition node: each rule's left expression and templated right value are
 * compiled once at prepare; a run evaluates them, compares, and takes the `true` or `false`
 * port. Every rule's outcome is recorded with ctx.detail('rules', …) so the trace shows the
 * value each rule saw.
 */
import { configCompiler, type ConfigCompiler } from '../../core/template-fields.js';
import {
  NodeError,
  type CompiledExpression,
  type CompiledValue,
  type ExecContext,
  type NodeExecutor,
  type NodeResult,
} from '../../core/node-type.js';
import {
  UNARY_OPERATORS,
  operatorWords,
  type ConditionConfig,
  type ConditionOperator,
  type ConditionRule,
} from './manifest.js';
import { SafeRegExp } from '../../core/safe-regex.js';
import { compare, truthy } from './operators.js';
import { conditionManifest } from './manifest.js';

/** One rule as the trace records it. */
export interface RuleDetail {
  left: string;
  operator: ConditionOperator;
  right?: unknown;
  /** What `left` evaluated to (absent when the path found nothing). */
  value: unknown;
  matched: boolean;
  note?: string;
}

interface PreparedRule {
  rule: ConditionRule;
  left: CompiledExpression;
  right: CompiledValue | undefined;
  /** Compiled once when the pattern has no template. */
  regex: SafeRegExp | undefined;
}

/** Admins sometimes wrap a path in {{ }} out of habit; the field is an expression already. */
function bareExpression(text: string): string {
  const m = /^\s*\{\{([\s\S]*)\}\}\s*$/.exec(text);
  return m ? m[1]! : text;
}

function prepareRule(
  rule: ConditionRule,
  index: number,
  caseInsensitive: boolean,
  compile: ConfigCompiler,
): PreparedRule {
  const where = `rule ${index + 1} (${rule.left} ${operatorWords(rule.operator)})`;
  let left: CompiledExpression;
  try {
    left = compile.expression('/rules/*/left', bareExpression(rule.left));
  } catch (error) {
    throw new NodeError(`${where}: ${(error as Error).message}`, 'condition-config');
  }
  const usesRight = !UNARY_OPERATORS.has(rule.operator);
  let right: CompiledValue | undefined;
  let regex: SafeRegExp | undefined;
  if (usesRight) {
    try {
      right = compile.value('/rules/*/right', rule.right);
    } catch (error) {
      throw new NodeError(`${where}: ${(error as Error).message}`, 'condition-config');
    }
    if (rule.operator === 'matches' && right.isStatic) {
      try {
        regex = new SafeRegExp(String(rule.right ?? ''), caseInsensitive ? 'i' : '');
      } catch (error) {
        throw new NodeError(`${where}: ${(error as Error).message}`, 'condition-config');
      }
    }
  }
  return { rule, left, right, regex };
}

export const conditionExecutor: NodeExecutor<ConditionConfig> = {
  type: conditionManifest.type,
  prepare(node, tools) {
    const config = node.config;
    // Each field compiles with the mode its schema declares (x-template).
    const compile = configCompiler(conditionManifest.configSchema, tools);
    const caseInsensitive = config.caseInsensitive !== false;

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

    const rules = (config.rules ?? []).map((rule, i) => prepareRule(rule, i, caseInsensitive, compile));
    const any = config.combinator === 'any';
    return {
      async run(ctx: ExecContext): Promise<NodeResult> {
        // Every rule is evaluated (no short-circuit) so the trace shows all of them.
        const details = await Promise.all(
          rules.map(async ({ rule, left, right, regex }): Promise<RuleDetail> => {
            const value = await left.evaluate(ctx.scope);
            const rightValue = right ? await right.evaluate(ctx.scope) : undefined;
            let outcome;
            try {
              outcome = compare(rule.operator, value, rightValue, { caseInsensitive, regex });
            } catch (error) {
              // Only a templated regular expression can fail here.
              throw new NodeError(
                `rule "${rule.left} ${operatorWords(rule.operator)}": ${(error as Error).message}`,
                'condition-error',
              );
            }
            const detail: RuleDetail = { left: rule.left, operator: rule.operator, value, matched: outcome.matched };
            if (right) detail.right = rightValue;
            if (outcome.note) detail.note = outcome.note;
            return detail;
          }),
        );
        ctx.detail('rules', details);
        const result = any ? details.some((d) => d.matched) : details.every((d) => d.matched);
        return { port: result ? 'true' : 'false', output: { result } };
      },
    };
  },
};
