/**
 * The node's label: what the admin calls it, in free words and any language ("Call started",
 * "通話開始"). Commits on Enter or when the field is left; the first label of a freshly dropped
 * node also sets its name (see flow-ops `labelNodeInFlow`).
 */
import { useEffect, useState } from 'react';
import type { FlowNode } from '../../core/flow.js';
import { useT } from '../i18n/index.js';
import { useDesigner } from '../state/flow-store.js';

export function NodeLabelInput({ node }: { node: FlowNode }) {
  const t = useT();
  const setNodeLabel = useDesigner((s) => s.setNodeLabel);
  const [draft, setDraft] = useState(node.label ?? '');

  useEffect(() => setDraft(node.label ?? ''), [node.label, node.id]);

  const commit = () => {
    if (draft.trim() !== (node.label ?? '')) setNodeLabel(node.id, draft);
  };

  return (
    <div className="fd-field">
      <label className="fd-label" htmlFor="node-label-input">
        {t('inspector.nodeLabel')}
      </label>
      <input
        id="node-label-input"
        data-testid="node-label-input"
        className="fd-input"
        value={draft}
        maxLength={200}
        aria-describedby="node-label-help"
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setDraft(node.label ?? '');
        }}
      />
      <div id="node-label-help" className="fd-help">
        {t('inspector.nodeLabelHelp')}
      </div>
    </div>
  );
}
