/**
 * A run, step by step, the way the Genesys data-action "Test" tab shows one: per node the port
 * taken and the time, each request as `METHOD URL → status` with its (already redacted)
 * headers, the mapped fields, each condition rule with the value it saw, logs and the error.
 * A loop's step lists its iterations; opening one shows its steps the same way and draws its
 * path in the loop's body on the canvas.
 */
import { createContext, useContext } from 'react';
import { manifestFor } from '../../nodes/registry.js';
import type { IterationTrace, IterationsTrace, RequestTrace, RunTrace, StepTrace } from '../../core/trace.js';
import { designerStore, useDesigner } from '../state/flow-store.js';
import { portLabel } from '../canvas/port-label.js';
import { itemNumber, pick, useLocale, useT } from '../i18n/index.js';
import { runErrorText } from '../i18n/run-error-text.js';
import { formatTime } from '../i18n/time.js';
import { fieldTextsFor } from '../inspector/field-texts.js';
import { editorFor } from '../../nodes/registry.editor.js';
import { formatMs } from './format.js';
import { formatDuration } from '../../nodes/wait/duration.js';
import { DURABLE_WAIT_FROM_MS } from '../../core/run-state.js';

function Json({ value }: { value: unknown }) {
  return <pre className="fd-json">{JSON.stringify(value, null, 2)}</pre>;
}

function Collapsible({ title, value, testId }: { title: string; value: unknown; testId?: string }) {
  if (value === undefined) return null;
  return (
    <details className="fd-collapsible" data-testid={testId}>
      <summary>{title}</summary>
      <Json value={value} />
    </details>
  );
}

function RequestLine({ request }: { request: RequestTrace }) {
  const t = useT();
  const ok = request.status !== undefined && request.status < 400;
  return (
    <li className="fd-request" data-testid="tb-request">
      <div className="fd-request-line">
        {request.purpose === 'token' && <span className="fd-badge">{t('tb.tokenRequest')}</span>}
        <code>
          {request.method} {request.url}
        </code>{' '}
        →{' '}
        <span className={ok ? 'fd-ok' : 'fd-bad'} data-testid="tb-request-status">
          {request.status ?? request.error ?? '—'}
        </span>
        <span className="fd-muted">
          {' '}
          · {t('tb.attempt', { n: request.attempt })} · {formatMs(request.durationMs)}
          {request.retryInMs !== undefined ? ` · ${t('tb.retryIn', { ms: request.retryInMs })}` : ''}
        </span>
      </div>
      {request.error && request.status !== undefined && <div className="fd-bad">{request.error}</div>}
      {Object.keys(request.headers).length > 0 && (
        <table className="fd-table fd-headers">
          <tbody>
            {Object.entries(request.headers).map(([name, value]) => (
              <tr key={name}>
                <td className="fd-mono">{name}</td>
                <td className="fd-mono">{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Collapsible title={t('tb.requestBody')} value={request.body} />
      <Collapsible title={t('tb.responseBody')} value={request.responseBody} />
    </li>
  );
}

interface RuleDetail {
  left?: string;
  operator?: string;
  right?: unknown;
  value?: unknown;
  matched?: boolean;
}

/** A Switch output as its step records it: its name, whether it matched, its rules. */
interface OutputDetail {
  name?: string;
  matched?: boolean;
  rules?: RuleDetail[];
}

function Rules({ rules, type, at = '/rules' }: { rules: RuleDetail[]; type: string; at?: string }) {
  const t = useT();
  const locale = useLocale();
  // Operators in words of the UI language ("does not equal", "等しくない"), not their ids.
  const operators = fieldTextsFor(editorFor(type), locale)[`${at}/*/operator`]?.options ?? {};
  return (
    <table className="fd-table" data-testid="tb-rules">
      <thead>
        <tr>
          <th>{t('tb.ruleLeft')}</th>
          <th>{t('tb.ruleOperator')}</th>
          <th>{t('tb.ruleRight')}</th>
          <th>{t('tb.ruleValue')}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {rules.map((rule, i) => (
          <tr key={i} className={rule.matched ? 'fd-ok' : 'fd-bad'}>
            <td className="fd-mono">{rule.left}</td>
            <td>{rule.operator === undefined ? '' : (operators[rule.operator] ?? rule.operator)}</td>
            <td className="fd-mono">{rule.right === undefined ? '' : JSON.stringify(rule.right)}</td>
            <td className="fd-mono">{rule.value === undefined ? t('tb.undefined') : JSON.stringify(rule.value)}</td>
            <td>{rule.matched ? '✓' : '✗'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Opens an iteration on the canvas: the trace view around it draws its own run first. */
const OpenIteration = createContext<((loopId: string, index: number) => void) | undefined>(undefined);

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

function IterationRow({ loopId, iteration }: { loopId: string; iteration: IterationTrace }) {
  const t = useT();
  const setOpenIteration = useDesigner((s) => s.setOpenIteration);
  const open = useContext(OpenIteration) ?? ((id: string, index: number) => setOpenIteration({ loopId: id, index }));
  const ok = iteration.status === 'success';
  return (
    <li data-testid="tb-iteration" data-index={iteration.index} data-status={iteration.status}>
      <details
        onToggle={(e) => {
          if (e.currentTarget.open) open(loopId, iteration.index);
        }}
      >
        <summary>
          <span className={ok ? 'fd-ok' : 'fd-bad'}>{ok ? '✓' : '✗'}</span>{' '}
          <strong>{t('tb.item', { n: itemNumber(iteration.index) })}</strong>{' '}
          <span className="fd-mono fd-muted">{preview(iteration.item)}</span>
          <span className="fd-muted fd-right">{formatMs(iteration.durationMs)}</span>
        </summary>
        {iteration.error && (
          <div className="fd-bad" data-testid="tb-iteration-error">
            {iteration.error.message}
          </div>
        )}
        <ol className="fd-steps">
          {iteration.steps.map((step, i) => (
            <StepView key={`${step.nodeId}-${i}`} step={step} />
          ))}
        </ol>
        {iteration.steps.length === 0 && <p className="fd-muted">{t('tb.iterationEmpty')}</p>}
      </details>
    </li>
  );
}

/** A loop's iterations: how many ran and failed, each kept one to open, and how many were only counted. */
function Iterations({ loopId, iterations }: { loopId: string; iterations: IterationsTrace }) {
  const t = useT();
  return (
    <div
      className="fd-iterations"
      data-testid="tb-iterations"
      data-count={iterations.count}
      data-failed={iterations.failed}
    >
      <div className="fd-label">{t('tb.iterations', { count: iterations.count, failed: iterations.failed })}</div>
      <ul className="fd-iteration-list">
        {iterations.kept.map((it) => (
          <IterationRow key={it.index} loopId={loopId} iteration={it} />
        ))}
      </ul>
      {iterations.omitted > 0 && (
        <p className="fd-muted" data-testid="tb-iterations-omitted">
          {t('tb.iterationsOmitted', {
            count: iterations.omitted,
            first: iterations.keepFirst,
            failed: iterations.keepFailed,
          })}
        </p>
      )}
    </div>
  );
}

/** A Wait's step detail: when the run goes on and how long the wait was planned to be. */
interface WaitDetail {
  until: string;
  delayMs: number;
  past?: boolean;
}

function waitDetail(value: unknown): WaitDetail | undefined {
  const w = value as Partial<WaitDetail> | undefined;
  return typeof w?.until === 'string' && typeof w.delayMs === 'number' ? (w as WaitDetail) : undefined;
}

/** The wait in words: a recorded run's fast clock took no time, so the planned wake time is what counts. */
function WaitLine({ wait }: { wait: WaitDetail }) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className="fd-wait" data-testid="tb-wait" data-delay-ms={wait.delayMs}>
      {wait.past
        ? t('tb.waitPast', { until: formatTime(wait.until, locale) })
        : t('tb.wait', { duration: formatDuration(wait.delayMs, locale), until: formatTime(wait.until, locale) })}
      {!wait.past && wait.delayMs >= DURABLE_WAIT_FROM_MS && <div className="fd-muted">{t('tb.waitSaved')}</div>}
    </div>
  );
}

function mappedFields(step: StepTrace): Record<string, unknown> | undefined {
  return manifestFor(step.type)?.trace?.mappedFields?.(step.output);
}

/** One node's part of a run (also shown in the inspector for the selected node). */
export function StepView({ step }: { step: StepTrace }) {
  const t = useT();
  const locale = useLocale();
  const typeTitle = pick(editorFor(step.type)?.title, locale, step.type);
  const fields = mappedFields(step);
  const rules = Array.isArray(step.details?.rules) ? (step.details.rules as RuleDetail[]) : undefined;
  const outputs = Array.isArray(step.details?.outputs) ? (step.details.outputs as OutputDetail[]) : undefined;
  const wait = waitDetail(step.details?.wait);
  const otherDetails = step.details
    ? Object.fromEntries(
        Object.entries(step.details).filter(([k]) => k !== 'rules' && k !== 'outputs' && !(k === 'wait' && wait)),
      )
    : {};
  return (
    <li className={`fd-step${step.error ? ' fd-step-failed' : ''}`} data-testid="tb-step" data-step-name={step.name}>
      <div className="fd-step-head">
        <strong className="fd-mono">{step.name}</strong>
        <span className="fd-muted"> {typeTitle}</span>
        {step.port && (
          <span className="fd-badge" data-testid="tb-step-port" data-port={step.port}>
            → {portLabel(step.type, step.port, locale)}
          </span>
        )}
        <span className="fd-muted fd-right">{formatMs(step.durationMs)}</span>
      </div>
      {step.requests.length > 0 && (
        <ul className="fd-requests">
          {step.requests.map((r, i) => (
            <RequestLine key={i} request={r} />
          ))}
        </ul>
      )}
      {fields && (
        <div>
          <div className="fd-label">{t('tb.mapped')}</div>
          <table className="fd-table" data-testid="tb-mapped">
            <tbody>
              {Object.entries(fields).map(([name, value]) => (
                <tr key={name}>
                  <td className="fd-mono">{name}</td>
                  <td className="fd-mono">{JSON.stringify(value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {wait && <WaitLine wait={wait} />}
      {rules && <Rules rules={rules} type={step.type} />}
      {outputs?.map((output, i) => (
        <div key={i} data-testid="tb-output" data-output={output.name} data-matched={output.matched === true}>
          <div className="fd-label">
            {portLabel(step.type, output.name ?? '', locale)} {output.matched ? '✓' : '✗'}
          </div>
          <Rules rules={output.rules ?? []} type={step.type} at="/outputs/*/rules" />
        </div>
      ))}
      {step.join && (
        <div>
          <div className="fd-label">{t('tb.joined')}</div>
          <ul className="fd-join" data-testid="tb-join">
            {step.join.branches.map((b, i) => (
              <li key={i} data-from={b.from} data-arrived={b.arrived}>
                <span className="fd-mono">{b.from}</span> → {b.port}:{' '}
                {b.arrived ? t('tb.joinArrived') : <span className="fd-muted">{t('tb.joinNotTaken')}</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
      {step.iterations && <Iterations loopId={step.nodeId} iterations={step.iterations} />}
      {Object.keys(otherDetails).length > 0 && <Collapsible title={t('tb.details')} value={otherDetails} />}
      {step.logs.length > 0 && (
        <ul className="fd-logs" data-testid="tb-logs">
          {step.logs.map((line, i) => (
            <li key={i} className={`fd-log-${line.level}`}>
              <span className="fd-muted">{formatMs(line.at)}</span> {line.level}: {line.message}
            </li>
          ))}
        </ul>
      )}
      {step.error && (
        <div className="fd-bad" data-testid="tb-step-error">
          {step.error.message}
          {step.error.code ? ` (${step.error.code})` : ''}
        </div>
      )}
      <Collapsible title={t('tb.input')} value={step.input} />
      <Collapsible title={t('tb.output')} value={step.output} />
    </li>
  );
}

/** What a Respond to webhook node answered: what the caller of the webhook receives. */
function CallerAnswer({ response }: { response: NonNullable<RunTrace['response']> }) {
  const t = useT();
  const headers = Object.entries(response.headers);
  return (
    <section className="fd-caller-answer" data-testid="tb-caller-answer" aria-label={t('tb.callerAnswer')}>
      <h4>
        {t('tb.callerAnswer')} <span className="fd-muted">{t('tb.callerAnswerFrom', { node: response.nodeName })}</span>
      </h4>
      <div className="fd-mono" data-testid="tb-caller-status">
        {t('tb.callerStatus', { status: response.status })}
      </div>
      {headers.length > 0 && (
        <ul className="fd-headers fd-mono" data-testid="tb-caller-headers">
          {headers.map(([name, value]) => (
            <li key={name}>
              {name}: {value}
            </li>
          ))}
        </ul>
      )}
      <div data-testid="tb-caller-body">
        {typeof response.body === 'string' ? (
          <pre className="fd-json">{response.body}</pre>
        ) : (
          <Json value={response.body} />
        )}
      </div>
    </section>
  );
}

export function TraceView({ trace }: { trace: RunTrace }) {
  const t = useT();
  const locale = useLocale();
  const setLastTrace = useDesigner((s) => s.setLastTrace);
  const setOpenIteration = useDesigner((s) => s.setOpenIteration);
  const openIteration = (loopId: string, index: number) => {
    // This run may not be the one drawn on the canvas (a report lists several cases).
    if (designerStore.getState().lastTrace !== trace) setLastTrace(trace);
    setOpenIteration({ loopId, index });
  };
  return (
    <OpenIteration.Provider value={openIteration}>
      <div className="fd-trace" data-testid="tb-trace">
        <div className="fd-trace-head">
          <span
            className={trace.status === 'success' ? 'fd-ok' : trace.status === 'waiting' ? '' : 'fd-bad'}
            data-testid="tb-trace-status"
          >
            {t(`tb.status.${trace.status}`)}
          </span>
          <span className="fd-muted">
            {' '}
            · {formatMs(trace.durationMs)} · {trace.steps.map((s) => s.name).join(' → ')}
            {trace.wakeAt ? ` · ${t('tb.wakeAt', { time: formatTime(trace.wakeAt, locale) })}` : ''}
          </span>
        </div>
        {trace.error && (
          <div className="fd-bad" data-testid="tb-trace-error">
            {runErrorText(trace.error, locale)}
          </div>
        )}
        {trace.response && <CallerAnswer response={trace.response} />}
        <ol className="fd-steps">
          {trace.steps.map((step, i) => (
            <StepView key={`${step.nodeId}-${i}`} step={step} />
          ))}
        </ol>
        <Collapsible title={t('tb.vars')} value={trace.vars} testId="tb-vars" />
      </div>
    </OpenIteration.Provider>
  );
}
