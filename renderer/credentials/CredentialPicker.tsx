/**
 * Picks the credential for one credential slot of a node. Offers the flow's declared
 * credentials and the vault's, of the kinds the slot accepts for the current config; picking
 * one binds it to the slot and declares it in the flow (kind, and the node URL's origin as
 * the allowed origin). "New credential…" creates one in the vault and binds it.
 */
import { useEffect, useState } from 'react';
import type { CredentialKind } from '../../core/credentials.js';
import type { FlowNode } from '../../core/flow.js';
import type { CredentialSlot } from '../../core/node-type.js';
import { useLocale, useT } from '../i18n/index.js';
import { issueText } from '../i18n/issue-text.js';
import { useDesigner } from '../state/flow-store.js';
import { suggestedOrigins } from './credential-origin.js';
import { CredentialDescription } from './CredentialDescription.js';
import { CredentialsDialog } from './CredentialsDialog.js';
import { useVault } from './vault-store.js';

const NEW = '__new__';

export interface CredentialPickerProps {
  node: FlowNode;
  slot: CredentialSlot;
}

interface Choice {
  name: string;
  kind: CredentialKind;
  declared: boolean;
  inVault: boolean;
}

export function CredentialPicker({ node, slot }: CredentialPickerProps) {
  const t = useT();
  const locale = useLocale();
  const declaredMap = useDesigner((s) => s.flow.credentials);
  const issues = useDesigner((s) => s.issues);
  const setNodeCredential = useDesigner((s) => s.setNodeCredential);
  const declareCredential = useDesigner((s) => s.declareCredential);
  const vault = useVault();
  const [dialog, setDialog] = useState(false);

  useEffect(() => {
    if (!vault.loaded) void vault.refresh();
  }, [vault]);

  const kinds = slot.kindsFor ? slot.kindsFor(node.config) : slot.kinds;
  const required = typeof slot.required === 'function' ? slot.required(node.config) : slot.required;
  const current = node.credentials?.[slot.name];

  const choices = new Map<string, Choice>();
  for (const [name, decl] of Object.entries(declaredMap ?? {})) {
    if (kinds.includes(decl.kind)) choices.set(name, { name, kind: decl.kind, declared: true, inVault: false });
  }
  for (const summary of vault.list) {
    if (!kinds.includes(summary.kind)) continue;
    const existing = choices.get(summary.name);
    if (existing) existing.inVault = true;
    else choices.set(summary.name, { name: summary.name, kind: summary.kind, declared: false, inVault: true });
  }
  const sorted = [...choices.values()].sort((a, b) => a.name.localeCompare(b.name));
  const id = `credential-${slot.name}`;
  // Manifests label slots in English; `slot.<label>` keys give the UI language's words.
  const slotLabel = t(`slot.${slot.label}`) === `slot.${slot.label}` ? slot.label : t(`slot.${slot.label}`);
  const slotIssues = issues.filter((i) => i.nodeId === node.id && i.pointer.endsWith(`/credentials/${slot.name}`));

  function bind(name: string | undefined, description?: string) {
    if (name === undefined) {
      setNodeCredential(node.id, slot.name, undefined);
      return;
    }
    if (!declaredMap?.[name]) {
      const summary = useVault.getState().list.find((c) => c.name === name);
      const kind = summary?.kind ?? kinds[0];
      if (kind) {
        const origins = summary?.allowedOrigins?.length ? summary.allowedOrigins : suggestedOrigins(node.config);
        const text = description?.trim();
        declareCredential(name, {
          kind,
          ...(text ? { description: text } : {}),
          ...(origins ? { allowedOrigins: origins } : {}),
        });
      }
    }
    setNodeCredential(node.id, slot.name, name);
  }

  if (kinds.length === 0 && current === undefined) {
    return (
      <div className="fd-field fd-credential">
        <div className="fd-label">{slotLabel}</div>
        <div className="fd-help">{t('cred.notNeeded')}</div>
      </div>
    );
  }

  return (
    <div className="fd-field fd-credential">
      <label className="fd-label" htmlFor={id}>
        {slotLabel}
        {required && <span className="fd-required"> *</span>}
      </label>
      <div className="fd-inline">
        <select
          id={id}
          data-testid={id}
          className={`fd-input${slotIssues.length ? ' fd-invalid' : ''}`}
          value={current ?? ''}
          onChange={(event) => {
            const value = event.target.value;
            if (value === NEW) setDialog(true);
            else bind(value === '' ? undefined : value);
          }}
        >
          <option value="">{t('cred.none')}</option>
          {current !== undefined && !choices.has(current) && (
            <option value={current}>{t('cred.wrongKind', { name: current })}</option>
          )}
          {sorted.map((c) => (
            <option key={c.name} value={c.name}>
              {c.name} · {t(`credKind.${c.kind}`)}
              {c.inVault ? '' : ` · ${t('cred.notInVault')}`}
            </option>
          ))}
          <option value={NEW}>{t('cred.new')}</option>
        </select>
      </div>
      <div className="fd-help">
        {t('cred.accepts', { kinds: kinds.map((k) => t(`credKind.${k}`)).join(t('list.or')) })}
      </div>
      {current !== undefined && declaredMap?.[current] && (
        <CredentialDescription name={current} id={`credential-description-${slot.name}`} />
      )}
      {slotIssues.length > 0 && (
        <ul className="fd-field-errors">
          {slotIssues.map((i, n) => (
            <li key={n}>{issueText(i, locale)}</li>
          ))}
        </ul>
      )}
      {dialog && (
        <CredentialsDialog
          open
          presetKind={kinds[0]}
          allowedKinds={kinds}
          presetOrigins={suggestedOrigins(node.config)}
          onClose={() => setDialog(false)}
          askDescription
          onCreated={(name, description) => {
            setDialog(false);
            bind(name, description);
          }}
        />
      )}
    </div>
  );
}
