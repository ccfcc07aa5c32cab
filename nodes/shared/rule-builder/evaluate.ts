/**
 * Runs rule lists (Condition's rules, each Switch output's rules): each rule's left expression
 * and templated right value are compiled once at prepare; a run evaluates every rule (no
 * short-circuit, so the trace shows all of them) and combines them with all/any.
 */
import { NodeError, type CompiledExpression, type CompiledValue, type RunScope } from '../../../core/node-type.js';
import { SafeRegExp } from '../../../core/safe-regex.js';
import type { ConfigCompiler } from '../../../core/template-fields.js';
import { compare } from './operators.js';
import { UNARY_OPERATORS, operatorWords, type Rule, type RuleOperator } from './rules.js';

/** One rule as the trace records it. */
export interface RuleDetail {
  left: string;
  operator: RuleOperator;
  right?: unknown;
  /** What `left` evaluated to (absent when the path found nothing). */
  value: unknown;
  matched: boolean;
  note?: string;
}

interface PreparedRule {
  rule: Rule;
  left: CompiledExpression;
  right: CompiledValue | undefined;
  /** Compiled once when the pattern has no template. */
  regex: SafeRegExp | undefined;
}

/** A rule list compiled for one node. */
export interface PreparedRules {
  evaluate(scope: RunScope): Promise<{ matched: boolean; details: RuleDetail[] }>;
}

/** Admins sometimes wrap a path in {{ }} out of habit; the field is an expression already. */
export function bareExpression(text: string): string {
  const m = /^\s*\{\{([\s\S]*)\}\}\s*$/.exec(text);
  return m ? m[1]! : text;
}

/**
 * Compiles a rule list. `at` is the schema pointer of the list with `*` for array items
 * (`/rules`, `/outputs/*\/rules`), so each field compiles with the mode its schema declares;
 * `codes` are the NodeError codes of a rule that does not compile and of one that fails to run.
 */
export function prepareRules(
  rules: readonly Rule[],
  options: {
    combinator: 'all' | 'any';
    caseInsensitive: boolean;
    at: string;
    compile: ConfigCompiler;
    codes: { config: string; run: string };
  },
): PreparedRules {
  const { caseInsensitive, compile, at } = options;
  const errorCode = options.codes.config;
  const prepared = rules.map((rule, index): PreparedRule => {
    const where = `rule ${index + 1} (${rule.left} ${operatorWords(rule.operator)})`;
    let left: CompiledExpression;
    try {
      left = compile.expression(`${at}/*/left`, bareExpression(rule.left));
    } catch (error) {
      throw new NodeError(`${where}: ${(error as Error).message}`, errorCode);
    }
    let right: CompiledValue | undefined;
    let regex: SafeRegExp | undefined;
    if (!UNARY_OPERATORS.has(rule.operator)) {
      try {
        right = compile.value(`${at}/*/right`, rule.right);
      } catch (error) {
        throw new NodeError(`${where}: ${(error as Error).message}`, errorCode);
      }
      if (rule.operator === 'matches' && right.isStatic) {
        try {
          regex = new SafeRegExp(String(rule.right ?? ''), caseInsensitive ? 'i' : '');
        } catch (error) {
          throw new NodeError(`${where}: ${(error as Error).message}`, errorCode);
        }
      }
    }
    return { rule, left, right, regex };
  });
  const any = options.combinator === 'any';
  return {
    async evaluate(scope) {
      const details = await Promise.all(
        prepared.map(async ({ rule, left, right, regex }): Promise<RuleDetail> => {
          const value = await left.evaluate(scope);
          const rightValue = right ? await right.evaluate(scope) : undefined;
          let outcome;
          try {
            outcome = compare(rule.operator, value, rightValue, { caseInsensitive, regex });
          } catch (error) {
            // Only a templated regular expression can fail here.
            throw new NodeError(
              `rule "${rule.left} ${operatorWords(rule.operator)}": ${(error as Error).message}`,
              options.codes.run,
            );
          }
          const detail: RuleDetail = { left: rule.left, operator: rule.operator, value, matched: outcome.matched };
          if (right) detail.right = rightValue;
          if (outcome.note) detail.note = outcome.note;
          return detail;
        }),
      );
      const matched = any ? details.some((d) => d.matched) : details.every((d) => d.matched);
      return { matched, details };
    },
  };
}
