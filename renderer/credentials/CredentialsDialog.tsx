/**
 * The credentials vault: lists what the host stores (name, kind, which fields are set — never
 * a value) and creates new ones. Secret values are typed into password inputs, sent once with
 * `host.saveCredential` and cleared from the form; nothing ever shows them again.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { createPortal } from 'react-dom';
import {
  CREDENTIAL_KIND_NAMES,
  CREDENTIAL_KINDS,
  CREDENTIAL_NAME_PATTERN,
  type CredentialKind,
} from '../../core/credentials.js';
import { hostErrorText } from '../host/host-error-text.js';
import { useLocale, useT } from '../i18n/index.js';
import { TestConnection } from './TestConnection.js';
import { useVault } from './vault-store.js';
import '../styles/inspector.css';

export interface CredentialsDialogProps {
  open: boolean;
  onClose: () => void;
  presetKind?: CredentialKind;
  /** Kinds offered when opened from a slot; all kinds otherwise. */
  allowedKinds?: readonly CredentialKind[];
  /** Suggested `allowedOrigins` (the node URL's origin). */
  presetOrigins?: string[];
  /**
   * Opened to declare the new credential in the flow (from a node's slot): also asks for the
   * description the flow gives it (flow.credentials[name].description, never in the vault).
   */
  askDescription?: boolean;
  onCreated?: (name: string, description?: string) => void;
}

const namePattern = new RegExp(CREDENTIAL_NAME_PATTERN);

export function CredentialsDialog(props: CredentialsDialogProps) {
  const t = useT();
  const locale = useLocale();
  const vault = useVault();
  const kinds = props.allowedKinds?.length ? props.allowedKinds : CREDENTIAL_KIND_NAMES;
  const [name, setName] = useState('');
  const [kind, setKind] = useState<CredentialKind>(props.presetKind ?? kinds[0] ?? 'apiKey');
  const [values, setValues] = useState<Record<string, string>>({});
  const [origins, setOrigins] = useState((props.presetOrigins ?? []).join('\n'));
  const [description, setDescription] = useState('');
  // A host refusal is kept as the error itself and worded when shown, in the current language.
  const [error, setShownError] = useState<string | Error | undefined>();
  // Counts refusals, so the same refusal twice still brings the person to it again.
  const [refusals, setRefusals] = useState(0);
  const errorBox = useRef<HTMLDivElement>(null);
  const setError = (refusal: string | Error | undefined) => {
    setShownError(refusal);
    if (refusal !== undefined) setRefusals((n) => n + 1);
  };
  const [saving, setSaving] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState<string | undefined>();
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!props.open) return;
    void vault.refresh();
    first.current?.focus();
    // Refresh once per opening, not on every vault change.
  }, [props.open]);

  // The refusal sits at the foot of a form that can be taller than the window: focus takes the
  // person (and a screen reader's cursor) to it, wherever they pressed Save or Enter.
  useEffect(() => {
    if (refusals > 0) errorBox.current?.focus();
  }, [refusals]);

  if (!props.open) return null;
  const spec = CREDENTIAL_KINDS[kind];

  async function save(event: FormEvent) {
    event.preventDefault();
    const trimmed = name.trim();
    if (!namePattern.test(trimmed)) {
      setError(t('cred.badName'));
      return;
    }
    const missing = spec.fields
      .filter((f) => f.required && !(values[f.name] ?? '').trim())
      .map((f) => t(`credField.${kind}.${f.name}`));
    if (missing.length) {
      setError(t('cred.missingFields', { fields: missing.join(', ') }));
      return;
    }
    const allowedOrigins = origins
      .split(/[\s,]+/)
      .map((o) => o.trim())
      .filter(Boolean);
    const bad = allowedOrigins.find((o) => !/^https?:\/\/[^/]+$/i.test(o));
    if (bad) {
      setError(t('cred.badOrigin', { origin: bad }));
      return;
    }
    // An OAuth or JWT bearer credential is also sent to its token endpoint: allow that origin too.
    const tokenUrl = kind === 'oauth2' ? values.tokenUrl : kind === 'salesforceJwt' ? values.loginUrl : undefined;
    if (tokenUrl && allowedOrigins.length > 0) {
      try {
        const origin = new URL(tokenUrl).origin;
        if (!allowedOrigins.includes(origin)) allowedOrigins.unshift(origin);
      } catch {
        // A bad token URL is the host's to report.
      }
    }
    const fields: Record<string, string> = {};
    for (const f of spec.fields) {
      const v = values[f.name];
      if (v !== undefined && v !== '') fields[f.name] = v;
    }
    setSaving(true);
    try {
      await window.host.saveCredential({
        name: trimmed,
        kind,
        fields,
        ...(allowedOrigins.length ? { allowedOrigins } : {}),
      });
      // The values were sent once; they are not kept anywhere in the renderer.
      setValues({});
      setName('');
      setError(undefined);
      await vault.refresh();
      props.onCreated?.(trimmed, props.askDescription ? description.trim() || undefined : undefined);
      setDescription('');
    } catch (e) {
      setError(e instanceof Error ? e : String(e));
    } finally {
      setSaving(false);
    }
  }

  async function remove(credential: string) {
    try {
      await window.host.deleteCredential(credential);
      setConfirmDelete(undefined);
      await vault.refresh();
    } catch (e) {
      setError(e instanceof Error ? e : String(e));
    }
  }

  // A portal: opened from the inspector, the dialog must not be clipped or positioned by it.
  return createPortal(
    <div className="fd-modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && props.onClose()}>
      <div
        className="fd-modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby="cred-dialog-title"
        data-testid="credentials-dialog"
        onKeyDown={(e) => e.key === 'Escape' && props.onClose()}
      >
        <header className="fd-modal-head">
          <h2 id="cred-dialog-title">{t('cred.title')}</h2>
          <button
            type="button"
            className="fd-btn fd-btn-small"
            onClick={props.onClose}
            data-testid="cred-close"
            aria-label={t('common.close')}
          >
            ✕
          </button>
        </header>
        <p className="fd-help">{t('cred.intro')}</p>
        <section>
          <h3>{t('cred.stored')}</h3>
          {vault.error !== undefined && <div className="fd-field-errors">{hostErrorText(vault.error, locale)}</div>}
          {vault.list.length === 0 ? (
            <p className="fd-muted">{t('cred.empty')}</p>
          ) : (
            <table className="fd-table" data-testid="credential-list">
              <thead>
                <tr>
                  <th>{t('cred.name')}</th>
                  <th>{t('cred.kind')}</th>
                  <th>{t('cred.fieldsSet')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {vault.list.map((c) => (
                  <tr key={c.name} data-testid="credential-row">
                    <td>{c.name}</td>
                    <td>{CREDENTIAL_KINDS[c.kind] ? t(`credKind.${c.kind}`) : c.kind}</td>
                    <td>{c.fieldsSet.join(', ')}</td>
                    <td className="fd-right">
                      {confirmDelete === c.name ? (
                        <>
                          <button
                            type="button"
                            className="fd-btn fd-btn-small fd-danger"
                            data-testid="cred-delete-confirm"
                            onClick={() => void remove(c.name)}
                          >
                            {t('cred.deleteConfirm')}
                          </button>
                          <button
                            type="button"
                            className="fd-btn fd-btn-small"
                            onClick={() => setConfirmDelete(undefined)}
                          >
                            {t('common.cancel')}
                          </button>
                        </>
                      ) : (
                        <button
                          type="button"
                          className="fd-btn fd-btn-small"
                          data-testid="cred-delete"
                          onClick={() => setConfirmDelete(c.name)}
                        >
                          {t('cred.delete')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        {vault.list.length > 0 && (
          <TestConnection key={vault.list.map((c) => c.name).join(',')} credentials={vault.list} />
        )}
        <form onSubmit={(e) => void save(e)} className="fd-cred-form" autoComplete="off">
          <h3>{t('cred.new')}</h3>
          <div className="fd-field">
            <label className="fd-label" htmlFor="cred-name">
              {t('cred.name')} <span className="fd-required">*</span>
            </label>
            <input
              id="cred-name"
              ref={first}
              className="fd-input"
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder="genesys-prod"
            />
            <div className="fd-help">{t('cred.nameHelp')}</div>
          </div>
          <div className="fd-field">
            <label className="fd-label" htmlFor="cred-kind">
              {t('cred.kind')}
            </label>
            <select
              id="cred-kind"
              className="fd-input"
              value={kind}
              onChange={(e) => setKind(e.target.value as CredentialKind)}
            >
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {t(`credKind.${k}`)}
                </option>
              ))}
            </select>
            <div className="fd-help">{t(`credKind.${kind}.help`)}</div>
          </div>
          {spec.fields.map((f) => (
            <div className="fd-field" key={`${kind}-${f.name}`}>
              <label className="fd-label" htmlFor={`cred-field-${f.name}`}>
                {t(`credField.${kind}.${f.name}`)}
                {f.required && <span className="fd-required"> *</span>}
              </label>
              {f.options ? (
                <select
                  id={`cred-field-${f.name}`}
                  className="fd-input"
                  value={values[f.name] ?? ''}
                  onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
                >
                  <option value="">{t('cred.default')}</option>
                  {f.options.map((o) => (
                    <option key={o} value={o}>
                      {o}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  id={`cred-field-${f.name}`}
                  className="fd-input"
                  type={f.secret ? 'password' : 'text'}
                  autoComplete={f.secret ? 'new-password' : 'off'}
                  value={values[f.name] ?? ''}
                  onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
                />
              )}
              {f.description && <div className="fd-help">{t(`credField.${kind}.${f.name}.help`)}</div>}
            </div>
          ))}
          <div className="fd-field">
            <label className="fd-label" htmlFor="cred-origins">
              {t('cred.origins')}
            </label>
            <textarea
              id="cred-origins"
              className="fd-input"
              rows={2}
              value={origins}
              onChange={(e) => setOrigins(e.target.value)}
              placeholder="https://api.mypurecloud.com"
            />
            <div className="fd-help">{t('cred.originsHelp')}</div>
          </div>
          {props.askDescription && (
            <div className="fd-field">
              <label className="fd-label" htmlFor="cred-description">
                {t('cred.description')}
              </label>
              <input
                id="cred-description"
                data-testid="cred-description"
                className="fd-input"
                value={description}
                placeholder={t('cred.descriptionPlaceholder')}
                onChange={(e) => setDescription(e.target.value)}
              />
              <div className="fd-help">{t('cred.descriptionHelp')}</div>
            </div>
          )}
          {error && (
            <div className="fd-field-errors" role="alert" data-testid="cred-error" tabIndex={-1} ref={errorBox}>
              {hostErrorText(error, locale)}
            </div>
          )}
          <div className="fd-actions">
            <button type="button" className="fd-btn" onClick={props.onClose}>
              {t('common.close')}
            </button>
            <button
              type="submit"
              className="fd-btn fd-primary"
              id="cred-save"
              data-testid="cred-save"
              disabled={saving}
            >
              {t('cred.save')}
            </button>
          </div>
        </form>
      </div>
    </div>,
    document.body,
  );
}
