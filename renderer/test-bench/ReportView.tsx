/** A test report: totals, then per case pass/fail, its failures (expected vs actual) and its run. */
import { formatMessage } from '../../core/messages/format.js';
import type { Lang } from '../../core/messages/message.js';
import type { TestCaseResult, TestFailure, TestReport } from '../../core/test-report.js';
import { useLocale, useT } from '../i18n/index.js';
import { formatMs } from './format.js';
import { useDesigner } from '../state/flow-store.js';
import { TraceView } from './TraceView.js';

function show(value: unknown): string {
  return value === undefined ? '—' : JSON.stringify(value);
}

/** A failed expectation in the UI's language: through its code when it has one (older reports have none). */
function failureText(f: TestFailure, lang: Lang): string {
  return f.code !== undefined
    ? formatMessage({ code: f.code, params: f.params ?? {}, message: f.message }, lang)
    : f.message;
}

function CaseResult({ result }: { result: TestCaseResult }) {
  const t = useT();
  const locale = useLocale();
  const setLastTrace = useDesigner((s) => s.setLastTrace);
  return (
    // The button sits beside the summary, not in it: a control inside <summary> is a control
    // inside a control, which screen readers and voice control cannot reach on its own.
    <div
      className="fd-case-result"
      data-testid="tb-case-result"
      data-passed={String(result.passed)}
      data-case={result.testName}
    >
      <details open={!result.passed}>
        <summary>
          <span className={result.passed ? 'fd-ok' : 'fd-bad'}>{result.passed ? '✓' : '✗'}</span>{' '}
          <strong title={result.testName}>{result.testName}</strong>
          <span className="fd-muted"> · {formatMs(result.durationMs)}</span>
        </summary>
        {result.failures.length > 0 && (
          <ul className="fd-failures">
            {result.failures.map((f, i) => (
              <li key={i} data-testid="tb-failure">
                <div>
                  <strong className="fd-mono">{f.what}</strong>: {failureText(f, locale)}
                </div>
                {(f.expected !== undefined || f.actual !== undefined) && (
                  <div className="fd-mono fd-muted">
                    {t('tb.expected')}: {show(f.expected)} · {t('tb.actual')}: {show(f.actual)}
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
        {result.state !== undefined && (
          <div className="fd-field" data-testid="tb-state-after">
            <div className="fd-label">{t('tb.stateAfter')}</div>
            <pre className="fd-json fd-json-readonly">{JSON.stringify(result.state, null, 2)}</pre>
          </div>
        )}
        <TraceView trace={result.trace} />
      </details>
      <button type="button" className="fd-btn fd-btn-small fd-case-show" onClick={() => setLastTrace(result.trace)}>
        {t('tb.showOnCanvas')}
      </button>
    </div>
  );
}

export function ReportView({ report }: { report: TestReport }) {
  const t = useT();
  return (
    <div className="fd-report" data-testid="tb-report">
      <div className={report.failed || report.errors.length ? 'fd-bad' : 'fd-ok'} data-testid="tb-summary">
        {t('tb.summary', { passed: report.passed, failed: report.failed, ms: formatMs(report.durationMs) })}
      </div>
      {report.errors.map((e, i) => (
        <div key={i} className="fd-bad" data-testid="tb-load-error">
          {/* A load error already starts with the file's name ("x.flow.json is not a valid flow"). */}
          {e.message.startsWith(e.file) ? e.message : `${e.file}: ${e.message}`}
        </div>
      ))}
      {report.cases.map((c) => (
        <CaseResult key={c.testName} result={c} />
      ))}
    </div>
  );
}
