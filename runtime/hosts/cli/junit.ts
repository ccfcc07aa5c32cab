/** JUnit XML for CI systems: one <testsuite> per flow file, one <testcase> per test case. */
import type { TestReport } from '../../../core/test-report.js';
import { preview } from '../../testing/match.js';

export function formatJunit(report: TestReport): string {
  const suites = new Map<string, TestReport['cases']>();
  for (const c of report.cases) {
    let list = suites.get(c.flowFile);
    if (!list) suites.set(c.flowFile, (list = []));
    list.push(c);
  }
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const tests = report.cases.length + report.errors.length;
  out.push(
    `<testsuites name="flowdesk" tests="${tests}" failures="${report.failed}" errors="${report.errors.length}" time="${seconds(report.durationMs)}">`,
  );
  for (const [file, cases] of suites) {
    const failures = cases.filter((c) => !c.passed).length;
    const time = cases.reduce((s, c) => s + c.durationMs, 0);
    out.push(
      `  <testsuite name="${attr(cases[0]!.flowName)}" file="${attr(file)}" tests="${cases.length}" failures="${failures}" errors="0" time="${seconds(time)}">`,
    );
    for (const c of cases) {
      const open = `    <testcase classname="${attr(file)}" name="${attr(c.testName)}" time="${seconds(c.durationMs)}"`;
      if (c.passed) {
        out.push(`${open}/>`);
        continue;
      }
      out.push(`${open}>`);
      const first = c.failures[0];
      const detail = c.failures
        .map((f) => {
          const lines = [`${f.what}: ${f.message}`];
          if (f.expected !== undefined) lines.push(`  expected: ${preview(f.expected, 2000)}`);
          if (f.actual !== undefined) lines.push(`  actual:   ${preview(f.actual, 2000)}`);
          return lines.join('\n');
        })
        .join('\n');
      out.push(
        `      <failure message="${attr(first ? `${first.what}: ${first.message}` : 'failed')}" type="expectation">${text(detail)}</failure>`,
      );
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  for (const e of report.errors) {
    out.push(`  <testsuite name="${attr(e.file)}" file="${attr(e.file)}" tests="1" failures="0" errors="1" time="0">`);
    out.push(`    <testcase classname="${attr(e.file)}" name="load flow" time="0">`);
    out.push(`      <error message="${attr(e.message.split('\n')[0] ?? '')}" type="load">${text(e.message)}</error>`);
    out.push('    </testcase>');
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

// XML 1.0 forbids most control characters even escaped; drop them.
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function text(s: string): string {
  return s.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(s: string): string {
  return text(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;');
}
