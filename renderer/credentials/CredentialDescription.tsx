/**
 * The description a flow gives a credential it declares (`flow.credentials[name].description`):
 * what it is for and where an operator gets it, read by whoever deploys the flow and sets the
 * values. Committed on leaving the field or Enter, as one undo step.
 */
import { useEffect, useState } from 'react';
import { useT } from '../i18n/index.js';
import { useDesigner } from '../state/flow-store.js';
import { withDescription } from './credential-declaration.js';

export function CredentialDescription({ name, id }: { name: string; id: string }) {
  const t = useT();
  const decl = useDesigner((s) => s.flow.credentials?.[name]);
  const declareCredential = useDesigner((s) => s.declareCredential);
  const [draft, setDraft] = useState(decl?.description ?? '');
  useEffect(() => setDraft(decl?.description ?? ''), [decl?.description, name]);
  if (!decl) return null;

  const commit = () => {
    if (draft.trim() !== (decl.description ?? '')) declareCredential(name, withDescription(decl, draft));
  };

  return (
    <div className="fd-field fd-cred-description">
      <label className="fd-label" htmlFor={id}>
        {t('cred.description')}
      </label>
      <input
        id={id}
        data-testid={id}
        className="fd-input"
        value={draft}
        placeholder={t('cred.descriptionPlaceholder')}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setDraft(decl.description ?? '');
        }}
      />
    </div>
  );
}
