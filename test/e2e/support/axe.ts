/**
 * axe-core through @axe-core/playwright: the WCAG 2.1 A/AA rules plus best practices, and the
 * violations a person would be blocked or slowed by (critical and serious), plus the
 * structure rules issue 11 item 12 asks for by name.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** Reported as moderate by axe, asked for all the same: a main landmark, an h1, content in landmarks. */
const STRUCTURE_RULES = ['landmark-one-main', 'page-has-heading-one', 'region'];

/** One line per violated rule: its id, impact, and every element with axe's reason. */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious' || STRUCTURE_RULES.includes(v.id))
    .map(
      (v) =>
        `${v.id} (${v.impact}) on ${v.nodes.length}:\n${v.nodes
          .map((n) => `  ${n.target.join(' ')} — ${(n.failureSummary ?? '').split('\n').slice(1, 2).join('').trim()}`)
          .join('\n')}`,
    );
}
