/**
 * The test bench: the flow's test cases (add, rename, delete, edit), "Run all" / "Run" through
 * the host's test runner, "Run with payload" (a scheduled flow: "Run now") live or with a case's
 * recorded responses, and the step-by-step report. The last run's trace goes to the store so the canvas draws its path.
 */
import { useState } from 'react';
import type { FlowTest } from '../../core/flow.js';
import { useT } from '../i18n/index.js';
import { designerStore, useDesigner } from '../state/flow-store.js';
import { flowToText } from '../state/flow-text.js';
import { useBench } from './bench-store.js';
import { ReportView } from './ReportView.js';
import { TestCaseEditor } from './TestCaseEditor.js';
import { loadSamples } from '../inspector/trigger-sample.js';
import { firingBody } from '../../core/schedule/schedule.js';
import { manifestFor } from '../../nodes/registry.js';
import { addCase, addScheduledCase, casePayload, deleteCase, patchCase, renameCase } from './test-cases.js';
import { TraceView } from './TraceView.js';
import '../styles/inspector.css';
import { hostErrorText } from '../host/host-error-text.js';

export interface TestBenchProps {
  onClose?: () => void;
}

/** A host refusal (an unknown test case, a run process that died…) in the UI language. */
function message(error: unknown): string {
  return hostErrorText(error, designerStore.getState().locale);
}

function CaseList(props: {
  tests: FlowTest[];
  selected?: string;
  onSelect: (name: string) => void;
  onAdd: () => void;
  onDelete: (name: string) => void;
}) {
  const t = useT();
  const [confirm, setConfirm] = useState<string | undefined>();
  return (
    <nav className="fd-case-list" aria-label={t('tb.cases')}>
      <ul>
        {props.tests.map((test) => (
          <li key={test.name} className={test.name === props.selected ? 'fd-active' : ''}>
            <button
              type="button"
              className="fd-case-button"
              data-testid={`test-case-${test.name}`}
              onClick={() => props.onSelect(test.name)}
            >
              {test.name}
            </button>
            {confirm === test.name ? (
              <button
                type="button"
                className="fd-btn fd-btn-small fd-danger"
                data-testid="tb-delete-confirm"
                onClick={() => props.onDelete(test.name)}
              >
                {t('tb.deleteConfirm')}
              </button>
            ) : (
              <button
                type="button"
                className="fd-btn fd-btn-small"
                aria-label={t('tb.delete')}
                title={t('tb.delete')}
                data-testid="tb-delete-case"
                onClick={() => setConfirm(test.name)}
              >
                ✕
              </button>
            )}
          </li>
        ))}
      </ul>
      {props.tests.length === 0 && <p className="fd-muted">{t('tb.noCases')}</p>}
      <button type="button" className="fd-btn" data-testid="tb-add-case" onClick={props.onAdd}>
        + {t('tb.addCase')}
      </button>
    </nav>
  );
}

export function TestBench({ onClose }: TestBenchProps) {
  const t = useT();
  // The bench renders from the tests only; runs read the whole flow when they start.
  const storedTests = useDesigner((s) => s.flow.tests);
  const setTests = useDesigner((s) => s.setTests);
  const setLastTrace = useDesigner((s) => s.setLastTrace);
  const bench = useBench();
  const [mode, setMode] = useState<'recorded' | 'live'>('recorded');
  // A flow started by a schedule has no payload: it is run now, and its cases pin a firing time.
  const scheduled = useDesigner((s) => s.flow.nodes.some((n) => manifestFor(n.type)?.triggerKind === 'schedule'));
  const tests = storedTests ?? [];
  const selected = tests.find((c) => c.name === bench.selected) ?? tests[0];

  /** A run's answer only counts for the flow it was started on (New/Open may come between). */
  function stillCurrent(generation: number): boolean {
    return designerStore.getState().documentGeneration === generation;
  }

  async function runTests(name?: string) {
    const generation = designerStore.getState().documentGeneration;
    bench.set({ running: true, error: undefined, trace: undefined });
    try {
      const { flow, filePath } = designerStore.getState();
      // The file's path names the flow in the report and locates its test files (browser host).
      const report = await window.host.runTests(flowToText(flow), name, filePath);
      if (!stillCurrent(generation)) return;
      bench.set({ report, running: false });
      // Draw the first failing case's path on the canvas, else the first case's.
      const shown = report.cases.find((c) => !c.passed) ?? report.cases[0];
      setLastTrace(shown?.trace);
    } catch (error) {
      if (stillCurrent(generation)) bench.set({ running: false, error: message(error) });
    }
  }

  async function runWithPayload() {
    if (!selected) return;
    const generation = designerStore.getState().documentGeneration;
    bench.set({ running: true, error: undefined, report: undefined });
    try {
      const { flow, filePath } = designerStore.getState();
      const trace = await window.host.runFlow({
        flowText: flowToText(flow),
        ...(filePath !== undefined ? { flowPath: filePath } : {}),
        payload: casePayload(selected, await loadSamples()) ?? {},
        ...(selected.trigger.headers ? { headers: selected.trigger.headers } : {}),
        ...(mode === 'recorded' ? { recordedFrom: selected.name } : {}),
      });
      if (!stillCurrent(generation)) return;
      bench.set({ trace, running: false });
      setLastTrace(trace);
    } catch (error) {
      if (stillCurrent(generation)) bench.set({ running: false, error: message(error) });
    }
  }

  /** Fires a scheduled flow once, as at this moment, live or with the selected case's recorded responses. */
  async function runNow() {
    const generation = designerStore.getState().documentGeneration;
    bench.set({ running: true, error: undefined, report: undefined });
    try {
      const { flow, filePath } = designerStore.getState();
      const trace = await window.host.runFlow({
        flowText: flowToText(flow),
        ...(filePath !== undefined ? { flowPath: filePath } : {}),
        payload: firingBody(Date.now()),
        ...(mode === 'recorded' && selected ? { recordedFrom: selected.name } : {}),
      });
      if (!stillCurrent(generation)) return;
      bench.set({ trace, running: false });
      setLastTrace(trace);
    } catch (error) {
      if (stillCurrent(generation)) bench.set({ running: false, error: message(error) });
    }
  }

  return (
    <section className="fd-test-bench" data-testid="test-bench" aria-label={t('tb.title')}>
      <header className="fd-bench-head">
        <h2>{t('tb.title')}</h2>
        <div className="fd-bench-actions">
          <button
            type="button"
            className="fd-btn fd-primary"
            data-testid="tb-run-all"
            disabled={bench.running || tests.length === 0}
            onClick={() => void runTests()}
          >
            {t('tb.runAll')}
          </button>
          <button
            type="button"
            className="fd-btn"
            data-testid="tb-run-case"
            disabled={bench.running || !selected}
            onClick={() => void runTests(selected?.name)}
          >
            {t('tb.runCase')}
          </button>
          <select
            aria-label={t('tb.mode')}
            data-testid="tb-mode"
            className="fd-input fd-input-inline"
            value={mode}
            onChange={(e) => setMode(e.target.value as 'recorded' | 'live')}
          >
            <option value="recorded">{t('tb.modeRecorded')}</option>
            <option value="live">{t('tb.modeLive')}</option>
          </select>
          {scheduled ? (
            <button
              type="button"
              className="fd-btn"
              data-testid="tb-run-now"
              title={t('tb.runNowTip')}
              // Recorded answers come from a case: without one, only a live run can go.
              disabled={bench.running || (mode === 'recorded' && !selected)}
              onClick={() => void runNow()}
            >
              {t('tb.runNow')}
            </button>
          ) : (
            <button
              type="button"
              className="fd-btn"
              data-testid="tb-run-payload"
              disabled={bench.running || !selected}
              onClick={() => void runWithPayload()}
            >
              {t('tb.runPayload')}
            </button>
          )}
          {bench.running && (
            <span className="fd-muted" data-testid="tb-running">
              {t('tb.running')}
            </span>
          )}
          {onClose && (
            <button
              type="button"
              className="fd-btn fd-btn-small"
              data-testid="tb-close"
              aria-label={t('common.close')}
              onClick={onClose}
            >
              ✕
            </button>
          )}
        </div>
      </header>
      <div className="fd-bench-body">
        <CaseList
          tests={tests}
          selected={selected?.name}
          onSelect={(name) => bench.select(name)}
          onAdd={() => {
            const { tests: next, name } = scheduled
              ? addScheduledCase(tests, t('tb.newCase'), Date.now())
              : addCase(tests, t('tb.newCase'));
            setTests(next);
            bench.select(name);
          }}
          onDelete={(name) => setTests(deleteCase(tests, name))}
        />
        <div className="fd-bench-editor">
          {selected ? (
            <TestCaseEditor
              key={selected.name}
              test={selected}
              onPatch={(patch) => setTests(patchCase(tests, selected.name, patch))}
              onRename={(name) => {
                const result = renameCase(tests, selected.name, name);
                if ('refused' in result) return t(`tb.rename.${result.refused}`);
                setTests(result.tests);
                bench.select(name.trim());
                return undefined;
              }}
            />
          ) : (
            <p className="fd-muted">{t('tb.noCases')}</p>
          )}
        </div>
        <div className="fd-bench-report">
          {bench.error && (
            <div className="fd-bad" role="alert" data-testid="tb-error">
              {bench.error}
            </div>
          )}
          {bench.report && <ReportView report={bench.report} />}
          {bench.trace && <TraceView trace={bench.trace} />}
          {!bench.report && !bench.trace && !bench.error && <p className="fd-muted">{t('tb.noReport')}</p>}
        </div>
      </div>
    </section>
  );
}
