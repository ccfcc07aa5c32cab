/**
 * The node's name: what templates call it (`steps.<name>`). Renaming commits on Enter or when
 * the field is left, rewriting every reference in the flow; a refused name keeps the draft and
 * says why next to the field.
 */
import { useEffect, useState } from 'react';
import type { FlowNode } from '../../core/flow.js';
import { useT } from '../i18n/index.js';
import { useDesigner } from '../state/flow-store.js';

export function NodeNameInput({ node }: { node: FlowNode }) {
  const t = useT();
  const renameNode = useDesigner((s) => s.renameNode);
  const [draft, setDraft] = useState(node.name);
  const [reason, setReason] = useState<string | undefined>();

  // Another edit (undo, paste, rename elsewhere) changed the name: show it.
  useEffect(() => {
    setDraft(node.name);
    setReason(undefined);
  }, [node.name, node.id]);

  function commit() {
    if (draft === node.name) {
      setReason(undefined);
      return;
    }
    const result = renameNode(node.id, draft.trim());
    setReason(result.ok ? undefined : result.reason);
  }

  return (
    <div className="fd-field">
      <label className="fd-label" htmlFor="node-name-input">
        {t('inspector.name')}
      </label>
      <input
        id="node-name-input"
        data-testid="node-name-input"
        className={`fd-input fd-mono${reason ? ' fd-invalid' : ''}`}
        value={draft}
        spellCheck={false}
        aria-invalid={reason ? true : undefined}
        aria-describedby="node-name-help"
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') {
            setDraft(node.name);
            setReason(undefined);
          }
        }}
      />
      {reason && (
        <div className="fd-field-errors" role="alert" data-testid="node-name-error">
          {reason}
        </div>
      )}
      <div id="node-name-help" className="fd-help">
        {t('inspector.nameHelp', { name: node.name })}
      </div>
    </div>
  );
}
