/**
 * File › Import… and Edit › Paste cURL…: pasted text (or a chosen export file) becomes a Web
 * Service node in the open flow. The conversion is core's (nodes/web-service/imports); this
 * dialog only shows what it says. A secret found in a cURL command goes to the host's vault
 * when the admin leaves the box ticked, and the pasted text is cleared as soon as it is read.
 */
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { HostApi } from '../../core/host-api.js';
import { formatMessage } from '../../core/messages/format.js';
import type { Message } from '../../core/messages/message.js';
import { importText } from '../../nodes/web-service/imports/import-text.js';
import { useLocale, useT } from '../i18n/index.js';
import { designerStore } from '../state/flow-store.js';
import { useVault } from '../credentials/vault-store.js';
import { placeImport } from './import-into-flow.js';
import '../styles/inspector.css';
import '../styles/imports.css';
import { hostErrorText } from '../host/host-error-text.js';

export interface ImportDialogProps {
  open: boolean;
  /** `curl`: opened from Edit › Paste cURL… (same dialog, its own title). */
  mode: 'any' | 'curl';
  onClose: () => void;
}

interface Outcome {
  added?: string;
  error?: Message | string;
  notes: Message[];
  stored?: string;
}

const host = (): HostApi | undefined => (globalThis as { host?: HostApi }).host;

export function ImportDialog(props: ImportDialogProps) {
  const t = useT();
  const locale = useLocale();
  const vault = useVault();
  const [text, setText] = useState('');
  const [storeSecret, setStoreSecret] = useState(true);
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const [busy, setBusy] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (!props.open) return;
    setOutcome(undefined);
    void vault.refresh();
    area.current?.focus();
  }, [props.open]);

  if (!props.open) return null;
  const words = (m: Message | string) => (typeof m === 'string' ? m : formatMessage(m, locale));

  async function run() {
    if (text.trim() === '') {
      setOutcome({ error: t('import.empty'), notes: [] });
      return;
    }
    const result = importText(text);
    if (!result.ok) {
      setOutcome({ error: result.error, notes: [] });
      return;
    }
    // The text may hold a secret: it is not kept once read.
    setText('');
    const imported = result.result;
    const state = designerStore.getState();
    const placed = placeImport(state.flow, imported);
    state.insertNode(placed.node, placed.position, placed.credentials);
    const next: Outcome = { added: placed.node.name, notes: imported.notes };
    const credential = imported.credential;
    if (credential && storeSecret && Object.keys(credential.values).length > 0) {
      setBusy(true);
      try {
        if (vault.list.some((c) => c.name === credential.name)) {
          next.stored = t('import.credentialExists', { name: credential.name });
        } else {
          await host()?.saveCredential({
            name: credential.name,
            kind: credential.kind,
            fields: credential.values,
            allowedOrigins: credential.allowedOrigins,
          });
          await vault.refresh();
          next.stored = t('import.credentialSaved', { name: credential.name });
          // Stored: the note asking to create it no longer applies.
          next.notes = next.notes.filter((n) => n.code !== 'import.credential-to-create');
        }
      } catch (e) {
        next.error = hostErrorText(e, designerStore.getState().locale);
      } finally {
        setBusy(false);
      }
    }
    setOutcome(next);
  }

  async function readFile(file: File | undefined) {
    if (!file) return;
    setText(await file.text());
    setOutcome(undefined);
  }

  return createPortal(
    <div className="fd-modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && props.onClose()}>
      <div
        className="fd-modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby="import-dialog-title"
        data-testid="import-dialog"
        onKeyDown={(e) => e.key === 'Escape' && props.onClose()}
      >
        <header className="fd-modal-head">
          <h2 id="import-dialog-title">{t(props.mode === 'curl' ? 'import.curlTitle' : 'import.title')}</h2>
          <button type="button" className="fd-btn fd-btn-small" onClick={props.onClose} aria-label={t('common.close')}>
            ✕
          </button>
        </header>
        <p className="fd-help">{t('import.intro')}</p>
        <div className="fd-field">
          <label className="fd-label" htmlFor="import-text">
            {t('import.text')}
          </label>
          <textarea
            id="import-text"
            ref={area}
            className="fd-input fd-mono"
            rows={8}
            spellCheck={false}
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={
              props.mode === 'curl'
                ? "curl -H 'Authorization: Bearer …' https://…"
                : '{ "name": "…", "config": { "request": … } }'
            }
          />
        </div>
        {props.mode === 'any' && (
          <div className="fd-field">
            <label className="fd-label" htmlFor="import-file">
              {t('import.file')}
            </label>
            <input
              id="import-file"
              type="file"
              accept=".json,.txt,.curl,.sh"
              onChange={(e) => void readFile(e.target.files?.[0])}
            />
          </div>
        )}
        <label className="fd-check">
          <input type="checkbox" checked={storeSecret} onChange={(e) => setStoreSecret(e.target.checked)} />{' '}
          {t('import.saveCredential')}
        </label>
        {outcome && (
          <div role="status" data-testid="import-outcome">
            {outcome.error !== undefined && (
              <div className="fd-field-errors" role="alert">
                {words(outcome.error)}
              </div>
            )}
            {outcome.added && <p>{t('import.done', { name: outcome.added })}</p>}
            {outcome.stored && <p>{outcome.stored}</p>}
            {outcome.notes.length > 0 && (
              <>
                <h3>{t('import.notes')}</h3>
                <ul data-testid="import-notes">
                  {outcome.notes.map((note, i) => (
                    <li key={i}>{words(note)}</li>
                  ))}
                </ul>
              </>
            )}
          </div>
        )}
        <div className="fd-actions">
          <button type="button" className="fd-btn" onClick={props.onClose}>
            {t('common.close')}
          </button>
          <button type="button" className="fd-btn fd-primary" disabled={busy} onClick={() => void run()}>
            {t('import.run')}
          </button>
        </div>
      </div>
    </div>,
    document.body,
  );
}
