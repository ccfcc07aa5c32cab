/**
 * "Deploy to server…": the server's address and admin token (handed to the host once, kept in
 * its vault, never shown again), deploying the open flow with the server's validation problems
 * shown in the Problems panel like local ones, the deployed versions with rollback, and the
 * flow's recent executions on the server with the test bench's step report.
 */
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { createPortal } from 'react-dom';
import type {
  DeployedVersion,
  DeployTarget,
  HostApi,
  ServerExecution,
  ServerExecutionDetail,
} from '../../core/host-api.js';
import { useLocale, useT } from '../i18n/index.js';
import { runErrorText } from '../i18n/run-error-text.js';
import { formatTime } from '../i18n/time.js';
import { designerStore, useDesigner } from '../state/flow-store.js';
import { flowToText } from '../state/flow-text.js';
import { formatMs } from '../test-bench/format.js';
import { TraceView } from '../test-bench/TraceView.js';
import '../styles/inspector.css';
import { hostErrorText } from '../host/host-error-text.js';

const host = (): HostApi | undefined => (globalThis as { host?: HostApi }).host;
/** A host or deploy-server refusal in the UI language. */
const message = (e: unknown) => hostErrorText(e, designerStore.getState().locale);

export interface DeployDialogProps {
  open: boolean;
  onClose: () => void;
  /** Brings the Problems panel into view (refused deploys list their problems there). */
  onShowProblems: () => void;
}

/** Statuses the server reports, worded in the UI language; a newer server's other status is shown as it is. */
const STATUSES = new Set(['queued', 'running', 'waiting', 'success', 'failed', 'cancelled', 'timeout', 'interrupted']);

export function DeployDialog(props: DeployDialogProps) {
  const t = useT();
  const locale = useLocale();
  const flowId = useDesigner((s) => s.flow.id);
  const [target, setTarget] = useState<DeployTarget | null | undefined>();
  const [url, setUrl] = useState('');
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [note, setNote] = useState<string | undefined>();
  const [deployed, setDeployed] = useState<{ version: number; webhookUrls: string[] } | undefined>();
  const [served, setServed] = useState<number | undefined>();
  const [versions, setVersions] = useState<DeployedVersion[] | undefined>();
  const [executions, setExecutions] = useState<ServerExecution[] | undefined>();
  const [detail, setDetail] = useState<ServerExecutionDetail | undefined>();
  /** The waiting execution whose Cancel was pressed and awaits the person's yes. */
  const [confirming, setConfirming] = useState<string | undefined>();
  const first = useRef<HTMLInputElement>(null);

  const loadServerState = useCallback(async (id: string) => {
    const h = host();
    if (!h) return;
    try {
      const [v, e] = await Promise.all([h.deployedVersions(id), h.serverExecutions(id, 20)]);
      setVersions([...v].sort((a, b) => b.version - a.version));
      setExecutions(e);
    } catch (err) {
      setError(message(err));
    }
  }, []);

  useEffect(() => {
    if (!props.open) return;
    setError(undefined);
    setNote(undefined);
    setDetail(undefined);
    setConfirming(undefined);
    setToken('');
    host()
      ?.deployTarget()
      .then((found) => {
        setTarget(found);
        setUrl(found?.url ?? '');
        if (found?.tokenSet) void loadServerState(designerStore.getState().flow.id);
      })
      .catch((err: unknown) => setError(message(err)));
    first.current?.focus();
  }, [props.open, loadServerState]);

  if (!props.open) return null;

  async function saveServer(event: FormEvent) {
    event.preventDefault();
    const h = host();
    if (!h) return;
    setBusy(true);
    setError(undefined);
    try {
      const saved = await h.setDeployTarget({ url: url.trim(), ...(token ? { token } : {}) });
      // The token went to the host once; the page keeps no copy.
      setToken('');
      setTarget(saved);
      setUrl(saved.url);
      setNote(t('deploy.serverSaved'));
      await loadServerState(flowId);
    } catch (err) {
      setError(message(err));
    } finally {
      setBusy(false);
    }
  }

  async function deploy() {
    const h = host();
    if (!h) return;
    const s = designerStore.getState();
    const flow = s.flow;
    const text = flowToText(flow);
    setBusy(true);
    setError(undefined);
    setNote(undefined);
    setDeployed(undefined);
    const refuse = (issues: Parameters<typeof s.setIssues>[0], text: string) => {
      if (designerStore.getState().flow === flow) designerStore.getState().setIssues(issues);
      setError(text);
      props.onShowProblems();
    };
    try {
      // The exact text being sent, checked here first: local problems need no round trip.
      const checked = await h.validateFlow(text);
      const errors = checked.issues.filter((i) => i.severity === 'error');
      if (errors.length > 0) return refuse(checked.issues, t('deploy.localErrors', { count: errors.length }));
      const result = await h.deployFlow(text);
      if (!result.ok) {
        const count = result.issues.length;
        refuse(result.issues, t('deploy.refused', { count }));
        designerStore.getState().setStatus({ kind: 'error', say: (w) => w.t('status.deployRefused', { count }) });
        return;
      }
      // The server knows the flow by this id now: later renames keep it.
      designerStore.getState().pinFlowId();
      setDeployed({ version: result.version, webhookUrls: result.webhookUrls });
      setServed(result.version);
      designerStore.getState().setStatus({
        kind: 'success',
        say: (w) => w.t('status.deployed', { name: flow.name, version: result.version }),
      });
      await loadServerState(result.id);
    } catch (err) {
      setError(message(err));
    } finally {
      setBusy(false);
    }
  }

  async function rollback(version: number) {
    const h = host();
    if (!h) return;
    setBusy(true);
    setError(undefined);
    try {
      const r = await h.rollbackFlow(flowId, version);
      setServed(r.version);
      setNote(t('deploy.rolledBack', { version }));
      await loadServerState(flowId);
    } catch (err) {
      setError(message(err));
    } finally {
      setBusy(false);
    }
  }

  async function showExecution(id: string) {
    const h = host();
    if (!h) return;
    setError(undefined);
    try {
      setDetail(await h.serverExecution(id));
    } catch (err) {
      setError(message(err));
    }
  }

  async function cancelExecution(id: string) {
    const h = host();
    if (!h) return;
    setBusy(true);
    setError(undefined);
    setNote(undefined);
    try {
      await h.cancelServerExecution(id);
      setNote(t('deploy.cancelled'));
    } catch (err) {
      setError(message(err));
    } finally {
      setConfirming(undefined);
      setBusy(false);
      // Either way the list shows what the server says the run is now.
      await loadServerState(flowId);
    }
  }

  const statusWords = (e: ServerExecution) =>
    e.status === 'waiting' && e.wakeAt
      ? t('deploy.waitingUntil', { time: formatTime(e.wakeAt, locale) })
      : STATUSES.has(e.status)
        ? t(`deploy.state.${e.status}`)
        : e.status;

  const ready = !!target?.tokenSet;

  return createPortal(
    <div className="fd-modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && props.onClose()}>
      <div
        className="fd-modal"
        // Wide enough for the step report of an execution.
        style={{ width: 'min(920px, 96vw)' }}
        role="dialog"
        aria-modal="true"
        aria-labelledby="deploy-dialog-title"
        data-testid="deploy-dialog"
        onKeyDown={(e) => e.key === 'Escape' && props.onClose()}
      >
        <header className="fd-modal-head">
          <h2 id="deploy-dialog-title">{t('deploy.title')}</h2>
          <button type="button" className="fd-btn fd-btn-small" onClick={props.onClose} aria-label={t('common.close')}>
            ✕
          </button>
        </header>
        <p className="fd-help">{t('deploy.intro')}</p>
        {error && (
          <div className="fd-field-errors" role="alert" data-testid="deploy-error">
            {error}
          </div>
        )}
        {note && (
          <div className="fd-ok" role="status" data-testid="deploy-note">
            {note}
          </div>
        )}

        <form onSubmit={(e) => void saveServer(e)} autoComplete="off">
          <h3>{t('deploy.server')}</h3>
          <div className="fd-field">
            <label className="fd-label" htmlFor="deploy-url">
              {t('deploy.url')}
            </label>
            <input
              id="deploy-url"
              ref={first}
              className="fd-input"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              placeholder="https://flows.example.com"
            />
            <div className="fd-help">{t('deploy.urlHelp')}</div>
          </div>
          <div className="fd-field">
            <label className="fd-label" htmlFor="deploy-token">
              {t('deploy.token')}
            </label>
            <input
              id="deploy-token"
              className="fd-input"
              type="password"
              autoComplete="new-password"
              value={token}
              onChange={(e) => setToken(e.target.value)}
            />
            <div className="fd-help">
              {target?.tokenSet && target.url === url.trim().replace(/\/+$/, '')
                ? t('deploy.tokenStored')
                : t('deploy.tokenHelp')}
            </div>
          </div>
          <button type="submit" className="fd-btn" disabled={busy || url.trim() === ''}>
            {t('deploy.saveServer')}
          </button>
        </form>

        <section>
          <h3>{t('deploy.flow')}</h3>
          <p className="fd-muted">{t('deploy.flowId', { id: flowId })}</p>
          {!ready && target !== undefined && <p className="fd-muted">{t('deploy.noServer')}</p>}
          <button
            type="button"
            className="fd-btn fd-btn-primary"
            disabled={busy || !ready}
            onClick={() => void deploy()}
          >
            {busy ? t('deploy.deploying') : t('deploy.deploy')}
          </button>
          {deployed && (
            <div data-testid="deploy-result">
              <p className="fd-ok">{t('deploy.deployed', { version: deployed.version })}</p>
              {deployed.webhookUrls.length > 0 && (
                <>
                  <div className="fd-label">{t('deploy.webhookUrls')}</div>
                  <ul>
                    {deployed.webhookUrls.map((u) => (
                      <li key={u} className="fd-mono">
                        {u}
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </div>
          )}
        </section>

        {ready && (
          <section>
            <h3>{t('deploy.versions')}</h3>
            {versions === undefined ? (
              <p className="fd-muted">{t('deploy.loading')}</p>
            ) : versions.length === 0 ? (
              <p className="fd-muted">{t('deploy.noVersions')}</p>
            ) : (
              <table className="fd-table" aria-label={t('deploy.versions')} data-testid="deploy-versions">
                <thead>
                  <tr>
                    <th>{t('deploy.version')}</th>
                    <th>{t('deploy.deployedAt')}</th>
                    <th>{t('deploy.deployedBy')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {versions.map((v) => (
                    <tr key={v.version} data-testid="deploy-version">
                      <td>
                        {v.version}
                        {served === v.version && <span className="fd-badge"> {t('deploy.current')}</span>}
                      </td>
                      <td>{formatTime(v.deployedAt, locale)}</td>
                      <td>{v.deployedBy}</td>
                      <td className="fd-right">
                        {served !== v.version && (
                          <button
                            type="button"
                            className="fd-btn fd-btn-small"
                            disabled={busy}
                            aria-label={t('deploy.rollbackTo', { version: v.version })}
                            onClick={() => void rollback(v.version)}
                          >
                            {t('deploy.rollback')}
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}

            <h3>
              {t('deploy.executions')}{' '}
              <button type="button" className="fd-btn fd-btn-small" onClick={() => void loadServerState(flowId)}>
                {t('deploy.refresh')}
              </button>
            </h3>
            {executions === undefined ? (
              <p className="fd-muted">{t('deploy.loading')}</p>
            ) : executions.length === 0 ? (
              <p className="fd-muted">{t('deploy.noExecutions')}</p>
            ) : (
              <table className="fd-table" aria-label={t('deploy.executions')} data-testid="deploy-executions">
                <thead>
                  <tr>
                    <th>{t('deploy.status')}</th>
                    <th>{t('deploy.version')}</th>
                    <th>{t('deploy.started')}</th>
                    <th>{t('deploy.duration')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {executions.map((e) => (
                    <tr
                      key={e.id}
                      data-testid="deploy-execution"
                      data-status={e.status}
                      className={detail?.id === e.id ? 'is-active' : ''}
                    >
                      <td className={e.status === 'success' ? 'fd-ok' : e.status === 'failed' ? 'fd-bad' : ''}>
                        {statusWords(e)}
                        {e.error ? ` · ${runErrorText(e.error, locale)}` : ''}
                      </td>
                      <td>{e.flowVersion}</td>
                      <td>{formatTime(e.startedAt, locale)}</td>
                      <td>{e.durationMs !== undefined ? formatMs(e.durationMs) : '—'}</td>
                      <td className="fd-right">
                        {confirming === e.id ? (
                          // Asked in place, next to the run it is about: a slip of the mouse cancels nothing.
                          <span role="group" aria-label={t('deploy.cancelAsk')} className="fd-confirm">
                            <span>{t('deploy.cancelAsk')}</span>{' '}
                            <button
                              type="button"
                              className="fd-btn fd-btn-small fd-btn-danger"
                              disabled={busy}
                              onClick={() => void cancelExecution(e.id)}
                            >
                              {t('deploy.cancelYes')}
                            </button>{' '}
                            <button
                              type="button"
                              className="fd-btn fd-btn-small"
                              disabled={busy}
                              onClick={() => setConfirming(undefined)}
                            >
                              {t('deploy.cancelNo')}
                            </button>
                          </span>
                        ) : (
                          <>
                            {e.status === 'waiting' && (
                              <>
                                <button
                                  type="button"
                                  className="fd-btn fd-btn-small"
                                  disabled={busy}
                                  onClick={() => setConfirming(e.id)}
                                >
                                  {t('deploy.cancelRun')}
                                </button>{' '}
                              </>
                            )}
                            <button
                              type="button"
                              className="fd-btn fd-btn-small"
                              onClick={() => void showExecution(e.id)}
                            >
                              {t('deploy.showRun')}
                            </button>
                          </>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {detail &&
              (detail.trace ? <TraceView trace={detail.trace} /> : <p className="fd-muted">{t('deploy.noTrace')}</p>)}
          </section>
        )}
      </div>
    </div>,
    document.body,
  );
}
