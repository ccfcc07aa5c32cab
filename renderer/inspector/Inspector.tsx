/**
 * The right-hand panel: the selected node's inspector, or the flow's settings when nothing
 * is selected.
 */
import { useT } from '../i18n/index.js';
import { useDesigner } from '../state/flow-store.js';
import { FlowSettings } from './FlowSettings.js';
import { NodeInspector } from './NodeInspector.js';
import '../styles/inspector.css';

export function Inspector() {
  const t = useT();
  const count = useDesigner((s) => s.selection.length);
  const node = useDesigner((s) =>
    s.selection.length === 1 ? s.flow.nodes.find((n) => n.id === s.selection[0]) : undefined,
  );
  return (
    <aside className="fd-inspector" data-testid="inspector" aria-label={t('inspector.label')}>
      {node ? (
        <NodeInspector key={node.id} node={node} />
      ) : count > 1 ? (
        <p className="fd-muted fd-pad">{t('inspector.multiple', { count })}</p>
      ) : (
        <FlowSettings />
      )}
    </aside>
  );
}
