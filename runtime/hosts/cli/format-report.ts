/**
 * `flowdesk test` output: per flow file its cases with ✓/✗ and, under a failed case, each
 * failed expectation with expected and actual values, so the reason is readable without
 * opening the trace.
 */
import type { TestCaseResult, TestFailure, TestReport } from '../../../core/test-report.js';
import { preview } from '../../testing/match.js';
import { formatDuration, type Styler } from './output.js';
import { termText as t } from './terminal-text.js';

/** `files`: every flow file that was run, so flows without test cases can be named too. */
export function formatReport(report: TestReport, style: Styler, files: readonly string[] = []): string {
  const lines: string[] = [];
  const byFile = new Map<string, TestCaseResult[]>();
  for (const c of report.cases) {
    let list = byFile.get(c.flowFile);
    if (!list) byFile.set(c.flowFile, (list = []));
    list.push(c);
  }
  for (const [file, cases] of byFile) {
    lines.push(`${style.bold(t(file))} ${style.dim(`— ${t(cases[0]!.flowName)}`)}`);
    for (const c of cases) {
      const took = style.dim(`(${formatDuration(c.durationMs)})`);
      if (c.passed) {
        lines.push(`  ${style.green('✓')} ${t(c.testName)} ${took}`);
        continue;
      }
      lines.push(`  ${style.red('✗')} ${t(c.testName)} ${took}`);
      for (const f of c.failures) lines.push(...formatFailure(f, style).map((l) => `      ${l}`));
    }
    lines.push('');
  }
  const withErrors = new Set(report.errors.map((e) => e.file));
  for (const file of files) {
    if (!byFile.has(file) && !withErrors.has(file))
      lines.push(`${style.bold(t(file))} ${style.yellow('— no test cases')}`, '');
  }
  for (const e of report.errors) {
    lines.push(style.red(`✗ ${t(e.file)}`));
    for (const l of e.message.split('\n')) lines.push(`    ${t(l)}`);
    lines.push('');
  }
  const flowCount = Math.max(files.length, new Set(report.cases.map((c) => c.flowFile)).size);
  const parts = [
    report.failed > 0 ? style.red(`${report.failed} failed`) : undefined,
    style.green(`${report.passed} passed`),
    report.errors.length > 0
      ? style.red(`${report.errors.length} ${report.errors.length === 1 ? 'file' : 'files'} with errors`)
      : undefined,
  ].filter(Boolean);
  if (report.cases.length === 0 && report.errors.length === 0) lines.push(style.yellow('No test cases found.'));
  lines.push(
    `${parts.join(', ')} ${style.dim(`(${flowCount} ${flowCount === 1 ? 'flow' : 'flows'}, ${formatDuration(report.durationMs)})`)}`,
  );
  return lines.join('\n') + '\n';
}

export function formatFailure(f: TestFailure, style: Styler): string[] {
  const lines = [`${style.bold(t(f.what))}: ${t(f.message)}`];
  // Values too long for the message line get their own - / + lines, a compact diff.
  const e = f.expected === undefined ? undefined : preview(f.expected, 400);
  const a = f.actual === undefined ? undefined : preview(f.actual, 400);
  if ((e !== undefined && e.length > 40) || (a !== undefined && a.length > 40)) {
    if (e !== undefined) lines.push(style.green(`- expected: ${t(e)}`));
    if (a !== undefined) lines.push(style.red(`+ actual:   ${t(a)}`));
  }
  return lines;
}
