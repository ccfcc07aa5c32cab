/**
 * What the inspector shows with nothing selected: the flow's name and description, the
 * credentials it declares (names and kinds only) with the nodes using each, and its parameters.
 */
import { useEffect, useState } from 'react';
import { CREDENTIAL_KINDS } from '../../core/credentials.js';
import { CredentialDescription } from '../credentials/CredentialDescription.js';
import { CredentialsDialog } from '../credentials/CredentialsDialog.js';
import { FlowParams } from './FlowParams.js';
import { useT } from '../i18n/index.js';
import { useDesigner } from '../state/flow-store.js';
import { FLOW_ID_MAX, isValidFlowId } from '../state/flow-id.js';

/** The flow's stable id: committed on Enter or leaving the field, refused (with why) when malformed. */
function FlowIdInput() {
  const t = useT();
  const id = useDesigner((s) => s.flow.id);
  const follows = useDesigner((s) => s.idFollowsName);
  const setFlowMeta = useDesigner((s) => s.setFlowMeta);
  const [draft, setDraft] = useState(id);
  const [invalid, setInvalid] = useState(false);

  // The name changed it (or undo did): show it.
  useEffect(() => {
    setDraft(id);
    setInvalid(false);
  }, [id]);

  function commit() {
    const next = draft.trim();
    if (next === id) return setInvalid(false);
    if (!isValidFlowId(next)) return setInvalid(true);
    setInvalid(false);
    setFlowMeta({ id: next });
  }

  return (
    <div className="fd-field">
      <label className="fd-label" htmlFor="flow-id-input">
        {t('flowset.id')}
      </label>
      <input
        id="flow-id-input"
        data-testid="flow-id-input"
        className={`fd-input fd-mono${invalid ? ' fd-invalid' : ''}`}
        value={draft}
        spellCheck={false}
        maxLength={FLOW_ID_MAX}
        aria-invalid={invalid ? true : undefined}
        aria-describedby="flow-id-help"
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') {
            setDraft(id);
            setInvalid(false);
          }
        }}
      />
      {invalid && (
        <div className="fd-field-errors" role="alert" data-testid="flow-id-error">
          {t('flowset.idInvalid')}
        </div>
      )}
      <div id="flow-id-help" className="fd-help">
        {t('flowset.idHelp')} {follows && t('flowset.idFollows')}
      </div>
    </div>
  );
}

export function FlowSettings() {
  const t = useT();
  const name = useDesigner((s) => s.flow.name);
  const description = useDesigner((s) => s.flow.description);
  const credentials = useDesigner((s) => s.flow.credentials);
  const nodes = useDesigner((s) => s.flow.nodes);
  const setFlowMeta = useDesigner((s) => s.setFlowMeta);
  const declareCredential = useDesigner((s) => s.declareCredential);
  const sealHistory = useDesigner((s) => s.sealHistory);
  const [vaultOpen, setVaultOpen] = useState(false);
  const declared = Object.entries(credentials ?? {});

  const usedBy = (name: string) =>
    nodes.filter((n) => Object.values(n.credentials ?? {}).includes(name)).map((n) => n.name);

  return (
    <div className="fd-flow-settings" data-testid="flow-settings">
      <header className="fd-inspector-head">
        <h2 className="fd-inspector-title">{t('flowset.settings')}</h2>
      </header>
      <div className="fd-field">
        <label className="fd-label" htmlFor="flow-name-input">
          {t('flowset.name')}
        </label>
        <input
          id="flow-name-input"
          data-testid="flow-name-input"
          className="fd-input"
          value={name}
          onChange={(e) => setFlowMeta({ name: e.target.value })}
          onBlur={() => sealHistory()}
        />
      </div>
      <FlowIdInput />
      <div className="fd-field">
        <label className="fd-label" htmlFor="flow-description-input">
          {t('flowset.description')}
        </label>
        <textarea
          id="flow-description-input"
          data-testid="flow-description-input"
          className="fd-input"
          rows={3}
          value={description ?? ''}
          onChange={(e) => setFlowMeta({ description: e.target.value === '' ? undefined : e.target.value })}
          onBlur={() => sealHistory()}
        />
      </div>
      <section className="fd-group">
        <h3 className="fd-group-title">{t('flowset.credentials')}</h3>
        <p className="fd-help">{t('flowset.credentialsHelp')}</p>
        {declared.length === 0 ? (
          <p className="fd-muted">{t('flowset.noCredentials')}</p>
        ) : (
          <ul className="fd-cred-list" data-testid="flow-credentials">
            {declared.map(([name, decl]) => {
              const users = usedBy(name);
              return (
                <li key={name} className="fd-cred-item" data-testid="flow-credential-row">
                  <div className="fd-cred-item-head">
                    <strong className="fd-mono">{name}</strong>
                    <span className="fd-badge">
                      {CREDENTIAL_KINDS[decl.kind] ? t(`credKind.${decl.kind}`) : decl.kind}
                    </span>
                    <button
                      type="button"
                      className="fd-btn fd-btn-small fd-right"
                      disabled={users.length > 0}
                      title={users.length > 0 ? t('flowset.credentialInUse') : undefined}
                      onClick={() => declareCredential(name, undefined)}
                    >
                      {t('flowset.undeclare')}
                    </button>
                  </div>
                  <CredentialDescription name={name} id={`flow-credential-description-${name}`} />
                  <div className="fd-help">
                    {t('cred.origins')}:{' '}
                    <span className="fd-mono">{(decl.allowedOrigins ?? []).join(', ') || t('flowset.anyOrigin')}</span>
                  </div>
                  <div className="fd-help">
                    {t('flowset.usedBy')}: <span className="fd-mono">{users.join(', ') || '—'}</span>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
        <button type="button" className="fd-btn" data-testid="open-credentials" onClick={() => setVaultOpen(true)}>
          {t('flowset.manageCredentials')}
        </button>
      </section>
      <FlowParams />
      {vaultOpen && <CredentialsDialog open onClose={() => setVaultOpen(false)} />}
    </div>
  );
}
