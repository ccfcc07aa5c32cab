/**
 * The readable form of a `RunTrace` that `flowdesk run` prints: one line per node (name, type,
 * port taken, duration) and under it what an admin checks first: each request as
 * `METHOD URL → status`, the mapped fields, each condition rule with the value it saw, the
 * node's log lines and its error. A loop's step lists its iterations the trace kept, each
 * with the item and its steps in the same form, and says how many more it only counted.
 */
import type { IterationsTrace, RunTrace, StepTrace } from '../../../core/trace.js';
import { manifestFor } from '../../../nodes/registry.js';
import { preview } from '../../testing/match.js';
import { formatDuration as formatWait } from '../../../nodes/wait/duration.js';
import { formatDuration, type Styler } from './output.js';
import { termText as t } from './terminal-text.js';

export function formatTrace(trace: RunTrace, style: Styler, opts: { file?: string } = {}): string {
  const lines: string[] = [];
  const where = opts.file ? style.dim(`  (${t(opts.file)})`) : '';
  lines.push(`${style.bold(t(trace.flowName))}${where}`);
  trace.steps.forEach((step, i) => {
    const last = i === trace.steps.length - 1;
    lines.push(...formatStep(step, last, style));
  });
  if (trace.steps.length === 0) lines.push(style.dim('  (no node ran)'));
  lines.push('');
  const took = formatDuration(trace.durationMs);
  if (trace.status === 'success') {
    lines.push(style.green(`✓ success in ${took}`));
  } else if (trace.status === 'waiting') {
    lines.push(style.yellow(`… waiting until ${t(trace.wakeAt ?? '?')} (saved; it goes on when due)`));
  } else {
    const what = trace.status === 'timeout' ? 'timed out' : trace.status === 'cancelled' ? 'cancelled' : 'failed';
    lines.push(style.red(`✗ ${what} after ${took}${trace.error ? `: ${t(trace.error.message)}` : ''}`));
  }
  const vars = Object.entries(trace.vars);
  if (vars.length > 0) {
    lines.push(style.dim('vars'));
    for (const [k, v] of vars) lines.push(`  ${t(k)} = ${t(preview(v, 120))}`);
  }
  return lines.join('\n') + '\n';
}

function formatStep(step: StepTrace, last: boolean, style: Styler): string[] {
  const branch = last ? '└─' : '├─';
  const indent = last ? '     ' : '│    ';
  const failed = step.error !== undefined;
  const mark = failed ? style.red('✗') : style.green('✓');
  const taken = step.ports ?? (step.port ? [step.port] : []);
  const port =
    taken.length > 0 ? ` → ${taken.map((p) => (failed ? style.red(t(p)) : style.cyan(t(p)))).join(', ')}` : '';
  const head = `${branch} ${mark} ${style.bold(t(step.name))} ${style.dim(`(${t(step.type)})`)}${port}  ${style.dim(formatDuration(step.durationMs))}`;
  const body: string[] = [];

  for (const r of step.requests) {
    const status =
      r.status !== undefined
        ? r.status < 400
          ? style.green(String(r.status))
          : style.red(String(r.status))
        : style.red(t(r.error ?? 'no response'));
    const extra: string[] = [];
    if (r.purpose === 'token') extra.push('token');
    if (r.attempt > 1) extra.push(`attempt ${r.attempt}`);
    extra.push(formatDuration(r.durationMs));
    if (r.retryInMs !== undefined) extra.push(`retry in ${formatDuration(r.retryInMs)}`);
    body.push(
      `${t(r.method)} ${t(r.url)} → ${status}${r.status !== undefined && r.error ? ` ${style.red(t(r.error))}` : ''}  ${style.dim(extra.join(', '))}`,
    );
  }

  const format = manifestFor(step.type)?.trace;
  const fields = format?.mappedFields?.(step.output);
  const mapping = step.details?.mapping;
  if (Array.isArray(mapping)) {
    // The Web Service's mapping table as the admin wrote it: field ← path = value.
    for (const row of mapping as Record<string, unknown>[]) {
      const how =
        row.usedDefault === true ? style.yellow('default') : row.matched === false ? style.yellow('no match') : '';
      body.push(
        `${style.dim('field')} ${t(row.field)} = ${t(preview(row.value, 100))}  ${style.dim(`← ${t(row.path)}`)}${how ? ` ${how}` : ''}`,
      );
    }
  } else if (fields && step.requests.length > 0) {
    for (const [k, v] of Object.entries(fields)) body.push(`${style.dim('field')} ${t(k)} = ${t(preview(v, 100))}`);
  }

  const rules = step.details?.rules;
  if (Array.isArray(rules)) body.push(...ruleLines(rules as Record<string, unknown>[], style));
  // A Switch: each output, whether it matched, and its rules beneath it.
  const outputs = step.details?.outputs;
  if (Array.isArray(outputs)) {
    for (const output of outputs as Record<string, unknown>[]) {
      body.push(
        `${output.matched === true ? style.green('✓') : style.dim('✗')} ${style.dim('output')} ${t(output.name)}`,
      );
      if (Array.isArray(output.rules))
        body.push(...ruleLines(output.rules as Record<string, unknown>[], style).map((l) => `  ${l}`));
    }
  }
  if (step.iterations) body.push(...iterationLines(step.iterations, style));
  if (step.join) {
    const branches = step.join.branches.map(
      (b) => `${t(b.from)} → ${t(b.port)}${b.arrived ? '' : ` ${style.dim('(not taken)')}`}`,
    );
    body.push(`${style.dim('joined')} ${branches.join(', ')}`);
  }
  // A Wait: when the run goes on (under the fast clock it took no time, so the plan is what counts).
  const wait = step.details?.wait as { until?: unknown; delayMs?: unknown; past?: unknown } | undefined;
  const waitShown = typeof wait?.until === 'string' && typeof wait.delayMs === 'number';
  if (waitShown) {
    body.push(
      wait.past === true
        ? `${style.dim('wait')} none: ${t(wait.until as string)} is past`
        : `${style.dim('wait')} ${formatWait(wait.delayMs as number)} until ${t(wait.until as string)}`,
    );
  }
  for (const [key, value] of Object.entries(step.details ?? {})) {
    if (key === 'rules' || key === 'outputs' || (key === 'mapping' && Array.isArray(mapping))) continue;
    if (key === 'wait' && waitShown) continue;
    // The resolved request is already shown as its request lines; --json has it whole.
    if (key === 'request' && step.requests.length > 0) continue;
    body.push(`${style.dim(t(key))} ${t(preview(value, 120))}`);
  }

  if (!fields && !rules && !outputs && !failed && format?.showOutput && step.output !== undefined) {
    body.push(`${style.dim('output')} ${t(preview(step.output, 120))}`);
  }

  for (const log of step.logs) {
    const level =
      log.level === 'error'
        ? style.red(log.level)
        : log.level === 'warn'
          ? style.yellow(log.level)
          : style.dim(log.level);
    body.push(`${level} ${t(log.message)}`);
  }
  if (step.error)
    body.push(style.red(`error: ${t(step.error.message)}${step.error.code ? ` [${t(step.error.code)}]` : ''}`));
  return [head, ...body.map((l) => `${indent}${l}`)];
}

/** Iterations printed in full: the first few, then failed ones (a terminal is not a report; `--json` has all the trace kept). */
const PRINTED_ITERATIONS = 5;

/** A loop's iterations: a count, then the first few and the failed ones (the item, its steps), then how many more ran. */
function iterationLines(iterations: IterationsTrace, style: Styler): string[] {
  const { count, failed } = iterations;
  const shown = iterations.kept.filter((it) => it.index < PRINTED_ITERATIONS || it.status === 'failed');
  const more = count - shown.length;
  const items = (n: number) => `${n} ${n === 1 ? 'item' : 'items'}`;
  const lines = [
    `${style.dim('iterations')} ${items(count)} ran${failed > 0 ? `, ${style.red(`${failed} failed`)}` : ''}`,
  ];
  shown.forEach((it, i) => {
    // Numbered from 1 as the designer shows items; the trace's `index` (and `--json`) counts from 0.
    const last = i === shown.length - 1 && more === 0;
    const mark = it.status === 'failed' ? style.red('✗') : style.green('✓');
    lines.push(
      `${last ? '└─' : '├─'} ${mark} ${style.bold(`item ${it.index + 1}`)} ${style.dim(t(preview(it.item, 60)))}  ${style.dim(formatDuration(it.durationMs))}`,
    );
    const indent = last ? '   ' : '│  ';
    it.steps.forEach((s, j) => {
      for (const line of formatStep(s, j === it.steps.length - 1, style)) lines.push(`${indent}${line}`);
    });
    if (it.steps.length === 0) lines.push(`${indent}${style.dim('(no step ran)')}`);
  });
  if (more > 0) {
    lines.push(
      `└─ ${style.dim(`… ${more} more ${more === 1 ? 'item' : 'items'} (--json has the steps of the first ${iterations.keepFirst} items and of ${iterations.keepFailed} failed ones after them; the others are only counted)`)}`,
    );
  }
  return lines;
}

function ruleLines(rules: Record<string, unknown>[], style: Styler): string[] {
  return rules.map((rule) => {
    const ok = rule.matched === true;
    const right = rule.right !== undefined ? ` ${t(preview(rule.right, 60))}` : '';
    return `${ok ? style.green('✓') : style.dim('✗')} ${t(rule.left)} ${t(rule.operator)}${right}  ${style.dim(`(value: ${t(preview(rule.value, 60))})`)}`;
  });
}
