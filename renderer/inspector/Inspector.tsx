/**
 * The right-hand panel: the selected node's inspector, or the flow's settings when nothing
 * is selected.
 */
import { useLayoutEffect, useRef } from 'react';
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
  // Another node opens at the top of its form, not at the previous one's scroll position. A
  // layout effect runs before the form's own effects, so a problem's field can still be
  // scrolled to afterwards (focus-field.ts).
  const aside = useRef<HTMLElement>(null);
  const shown = node?.id ?? (count > 1 ? 'several' : 'flow');
  useLayoutEffect(() => {
    aside.current?.parentElement?.scrollTo({ top: 0 });
  }, [shown]);
  return (
    <aside ref={aside} className="fd-inspector" data-testid="inspector" aria-label={t('inspector.label')}>
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
