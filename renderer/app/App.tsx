/**
 * The designer window: toolbar on top, palette | canvas | inspector in the middle, a bottom
 * dock with the problems panel and the test bench, the status line at the foot. Keyboard
 * shortcuts, toolbar buttons and the host's menu all go through `run(command)`.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import type { HostApi } from '../../core/host-api.js';
import { manifestFor } from '../../nodes/registry.js';
import { canvasBridge } from '../canvas/canvas-bridge.js';
import { layoutFlow } from '../canvas/auto-layout.js';
import { FlowCanvas, useNodeSizes } from '../canvas/FlowCanvas.js';
import { CredentialsDialog } from '../credentials/CredentialsDialog.js';
import { DeployDialog } from '../deploy/DeployDialog.js';
import { ImportDialog } from '../imports/ImportDialog.js';
import { useT } from '../i18n/index.js';
import { Inspector } from '../inspector/Inspector.js';
import { Palette } from '../palette/Palette.js';
import { lastFile, rememberSession, savedSession } from './session-restore.js';
import { designerStore, useDesigner } from '../state/flow-store.js';
import { startLiveValidation } from '../state/live-validation.js';
import { TestBench } from '../test-bench/TestBench.js';
import { shortcutCommand, type Command } from './commands.js';
import { createFileActions } from './file-actions.js';
import { FileDialog, type FileDialogRequest } from './FileDialog.js';
import { ProblemsPanel } from './ProblemsPanel.js';
import { Splitter } from './Splitter.js';
import { StatusBar } from './StatusBar.js';
import { readSystemClipboard, writeSystemClipboard } from './system-clipboard.js';
import { Toolbar } from './Toolbar.js';

const host = (): HostApi | undefined => (globalThis as { host?: HostApi }).host;

/** Panel sizes survive a reload. */
function usePersistentSize(key: string, initial: number): [number, (v: number) => void] {
  const [size, setSize] = useState(() => {
    const saved = Number(globalThis.localStorage?.getItem(`flowdesk.panel.${key}`));
    return Number.isFinite(saved) && saved > 0 ? saved : initial;
  });
  const update = useCallback(
    (v: number) => {
      setSize(v);
      try {
        localStorage.setItem(`flowdesk.panel.${key}`, String(v));
      } catch {
        // Not persisted; fine.
      }
    },
    [key],
  );
  return [size, update];
}

type DockTab = 'problems' | 'tests';

function Shell() {
  const t = useT();
  const [paletteWidth, setPaletteWidth] = usePersistentSize('palette', 236);
  const [inspectorWidth, setInspectorWidth] = usePersistentSize('inspector', 380);
  const [dockHeight, setDockHeight] = usePersistentSize('dock', 200);
  const [dockOpen, setDockOpen] = useState(true);
  const [dockTab, setDockTab] = useState<DockTab>('problems');
  /**
   * The bench needs room for its case list, the case editor and the step report side by side:
   * at the problems list's 200 px its report wrapped every field. Grown, never shrunk (the
   * admin's own splitter choice wins once it is larger), and the canvas keeps 240 px.
   */
  const growDockForTests = useCallback(() => {
    const wanted = Math.min(Math.max(300, Math.round(window.innerHeight * 0.42)), window.innerHeight - 240);
    if (dockHeight < wanted) setDockHeight(wanted);
  }, [dockHeight, setDockHeight]);
  const [minimap, setMinimap] = useState(true);
  const [credentialsOpen, setCredentialsOpen] = useState(false);
  const [deployOpen, setDeployOpen] = useState(false);
  const [importMode, setImportMode] = useState<'any' | 'curl' | undefined>();
  const nodeSizes = useNodeSizes();

  const issueCount = useDesigner((s) => s.issues.length);
  const errorCount = useDesigner((s) => s.issues.filter((i) => i.severity === 'error').length);
  const dirty = useDesigner((s) => s.dirty);
  const flowName = useDesigner((s) => s.flow.name);

  const showProblems = useCallback(() => {
    setDockOpen(true);
    setDockTab('problems');
  }, []);

  const [fileDialog, setFileDialog] = useState<FileDialogRequest | undefined>();
  const files = useMemo(
    () =>
      createFileActions(designerStore, {
        confirm: (text) => window.confirm(text),
        onExportRefused: showProblems,
        pickFlow: (flows) => new Promise((resolve) => setFileDialog({ kind: 'open', flows, resolve })),
        askFileName: (suggested) => new Promise((resolve) => setFileDialog({ kind: 'saveAs', suggested, resolve })),
      }),
    [showProblems],
  );

  // A window opened for a file (command line, double click) loads it once; otherwise the
  // flow shown before a reload comes back (session-restore.ts).
  useEffect(() => {
    let cancelled = false;
    const before = savedSession();
    host()
      ?.info()
      .then((info) => {
        if (cancelled) return;
        if (info.initialFile) void files.openPath(info.initialFile, true);
        // A new Electron window is a new, empty flow; a new browser tab picks up the last file.
        else void files.reopen(before, info.kind === 'browser' ? lastFile() : undefined);
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [files]);
  useEffect(() => rememberSession(designerStore), []);

  const autoLayout = useCallback(async () => {
    const state = designerStore.getState();
    try {
      const positions = await layoutFlow(state.flow, nodeSizes(), manifestFor);
      designerStore.getState().moveNodes(positions);
      setTimeout(() => canvasBridge.fit(), 30);
      designerStore.getState().setStatus({ kind: 'info', say: (w) => w.t('status.layoutDone') });
    } catch (err) {
      designerStore
        .getState()
        .setStatus({ kind: 'error', say: (w) => w.t('status.layoutFailed', { message: String(err) }) });
    }
  }, [nodeSizes]);

  const run = useCallback(
    (command: Command) => {
      const s = designerStore.getState();
      switch (command) {
        case 'file:new':
          return files.newFlow();
        case 'file:open':
          return void files.open();
        case 'file:save':
          return void files.save(false);
        case 'file:save-as':
          return void files.save(true);
        case 'file:export':
          return void files.exportFlow();
        case 'file:close':
          return window.close();
        case 'edit:undo':
          return s.undo();
        case 'edit:redo':
          return s.redo();
        case 'edit:copy':
          s.copy();
          if (designerStore.getState().clipboard) writeSystemClipboard(designerStore.getState().clipboard!);
          return;
        case 'edit:cut':
          s.copy();
          if (designerStore.getState().clipboard) writeSystemClipboard(designerStore.getState().clipboard!);
          return s.removeSelection();
        case 'edit:paste':
          // Nodes copied in another window arrive through the system clipboard.
          return void readSystemClipboard(manifestFor).then((content) => {
            if (content) designerStore.getState().setClipboard(content);
            designerStore.getState().paste();
          });
        case 'edit:duplicate':
          return s.duplicate();
        case 'edit:delete':
          return s.removeSelection();
        case 'edit:select-all':
          return s.selectAll();
        case 'view:zoom-in':
          return canvasBridge.zoomIn();
        case 'view:zoom-out':
          return canvasBridge.zoomOut();
        case 'view:fit':
          return canvasBridge.fit();
        case 'view:minimap':
          return setMinimap((m) => !m);
        case 'view:problems':
          setDockTab('problems');
          return setDockOpen((o) => !(o && dockTab === 'problems'));
        case 'view:test-bench':
          setDockTab('tests');
          growDockForTests();
          return setDockOpen((o) => !(o && dockTab === 'tests'));
        case 'view:layout':
          return void autoLayout();
        case 'view:credentials':
          return setCredentialsOpen((o) => !o);
        case 'file:deploy':
          return setDeployOpen(true);
        case 'file:import':
          return setImportMode('any');
        case 'edit:paste-curl':
          return setImportMode('curl');
        case 'view:language':
          return s.setLocale(s.locale === 'ja' ? 'en' : 'ja');
        case 'file:open-recent':
          return;
      }
    },
    [files, autoLayout, dockTab, dockHeight, setDockHeight],
  );

  // The menu may also see a shortcut the page already handled (a browser host forwarding
  // keys, an accelerator that also reaches the page): one action per key press.
  const lastKey = useRef<{ command: Command; at: number } | undefined>(undefined);
  const runRef = useRef(run);
  runRef.current = run;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const command = shortcutCommand(e);
      if (!command) return;
      e.preventDefault();
      lastKey.current = { command, at: performance.now() };
      runRef.current(command);
    };
    window.addEventListener('keydown', onKey);
    const off = host()?.onMenuCommand((command) => {
      const k = lastKey.current;
      if (k && k.command === command && performance.now() - k.at < 300) return;
      runRef.current(command);
    });
    return () => {
      window.removeEventListener('keydown', onKey);
      off?.();
    };
  }, []);

  // Screen readers and font selection follow the UI language.
  const locale = useDesigner((s) => s.locale);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  // Live validation for as long as the window lives.
  useEffect(() => startLiveValidation(designerStore, host), []);

  // The host shows the dirty state in the title and prompts on close.
  useEffect(() => {
    const title = `${dirty ? '● ' : ''}${flowName} — Flowdesk`;
    document.title = title;
    host()
      ?.setDirty(dirty, flowName)
      .catch(() => undefined);
  }, [dirty, flowName]);

  // A browser tab asks before leaving with unsaved changes (Electron's host prompts itself).
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (designerStore.getState().dirty) e.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);

  const gridColumns = `${paletteWidth}px 6px minmax(0, 1fr) 6px ${inspectorWidth}px`;

  return (
    <div className="fd-app">
      <Toolbar
        run={run}
        openRecent={(p) => void files.openPath(p)}
        testsOpen={dockOpen && dockTab === 'tests'}
        minimapOn={minimap}
      />
      <main className="fd-main" style={{ gridTemplateColumns: gridColumns }}>
        <Palette onPasteCurl={() => run('edit:paste-curl')} />
        <Splitter
          axis="x"
          size={paletteWidth}
          direction={1}
          min={170}
          max={420}
          onResize={setPaletteWidth}
          testId="split-palette"
        />
        <div className="fd-center">
          <FlowCanvas showMinimap={minimap} />
          {dockOpen && (
            <>
              <Splitter
                axis="y"
                size={dockHeight}
                direction={-1}
                min={90}
                max={700}
                onResize={setDockHeight}
                testId="split-dock"
              />
              <section className="fd-dock" style={{ height: dockHeight }}>
                <div className="fd-dock-tabs">
                  <div className="fd-dock-tablist" role="tablist">
                    <button
                      type="button"
                      role="tab"
                      id="dock-tab-problems"
                      aria-controls="dock-panel-problems"
                      aria-selected={dockTab === 'problems'}
                      className={`fd-dock-tab${dockTab === 'problems' ? ' is-active' : ''}`}
                      data-testid="tab-problems"
                      onClick={() => setDockTab('problems')}
                    >
                      {t('problems.title')}
                      <span
                        className={`fd-count${errorCount ? ' is-error' : issueCount ? ' is-warning' : ''}`}
                        data-testid="problems-count"
                      >
                        {issueCount}
                      </span>
                    </button>
                    <button
                      type="button"
                      role="tab"
                      id="dock-tab-tests"
                      aria-controls="dock-panel-tests"
                      aria-selected={dockTab === 'tests'}
                      className={`fd-dock-tab${dockTab === 'tests' ? ' is-active' : ''}`}
                      data-testid="tab-tests"
                      onClick={() => {
                        setDockTab('tests');
                        growDockForTests();
                      }}
                    >
                      {t('toolbar.tests')}
                    </button>
                  </div>
                  <span className="fd-spacer" />
                  <button
                    type="button"
                    className="fd-dock-close"
                    aria-label={t('common.close')}
                    title={t('common.close')}
                    onClick={() => setDockOpen(false)}
                  >
                    ×
                  </button>
                </div>
                <div
                  className="fd-dock-body"
                  role="tabpanel"
                  id="dock-panel-problems"
                  aria-labelledby="dock-tab-problems"
                  hidden={dockTab !== 'problems'}
                >
                  <ProblemsPanel />
                </div>
                <div
                  className="fd-dock-body"
                  role="tabpanel"
                  id="dock-panel-tests"
                  aria-labelledby="dock-tab-tests"
                  hidden={dockTab !== 'tests'}
                >
                  <TestBench />
                </div>
              </section>
            </>
          )}
        </div>
        <Splitter
          axis="x"
          size={inspectorWidth}
          direction={-1}
          min={280}
          max={760}
          onResize={setInspectorWidth}
          testId="split-inspector"
        />
        <div className="fd-inspector-pane">
          <Inspector />
        </div>
      </main>
      <StatusBar onShowProblems={showProblems} />
      <CredentialsDialog open={credentialsOpen} onClose={() => setCredentialsOpen(false)} />
      <DeployDialog open={deployOpen} onClose={() => setDeployOpen(false)} onShowProblems={showProblems} />
      <ImportDialog
        open={importMode !== undefined}
        mode={importMode ?? 'any'}
        onClose={() => setImportMode(undefined)}
      />
      {fileDialog && <FileDialog request={fileDialog} onDone={() => setFileDialog(undefined)} />}
    </div>
  );
}

export function App() {
  return (
    <ReactFlowProvider>
      <Shell />
    </ReactFlowProvider>
  );
}
