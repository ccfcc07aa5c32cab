/** The status line: the last message (refusals, saves, migrations) and the problem counts. */
import { useEffect, useState } from 'react';
import { useT } from '../i18n/index.js';
import { designerStore, useDesigner } from '../state/flow-store.js';
import { Icon } from './icons.js';

export function StatusBar({ onShowProblems }: { onShowProblems: () => void }) {
  const t = useT();
  const status = useDesigner((s) => s.status);
  const errors = useDesigner((s) => s.issues.filter((i) => i.severity === 'error').length);
  const warnings = useDesigner((s) => s.issues.filter((i) => i.severity === 'warning').length);
  const [expanded, setExpanded] = useState(false);
  const details = status?.details ?? [];
  // Why something was refused is shown at once; other details wait for a click.
  useEffect(() => setExpanded(status?.kind === 'error'), [status]);

  return (
    <footer className="fd-statusbar">
      <div className={`fd-status is-${status?.kind ?? 'info'}`} data-testid="status" role="status" aria-live="polite">
        <span className="fd-status-text">{status?.text ?? t('status.ready')}</span>
        {details.length > 0 && (
          <button
            type="button"
            className="fd-link"
            onClick={() => setExpanded((x) => !x)}
            aria-expanded={expanded}
            title={t('status.details')}
          >
            {expanded ? '▾' : '▸'} {details.length}
          </button>
        )}
        {status && (
          <button
            type="button"
            className="fd-status-close"
            aria-label={t('status.dismiss')}
            title={t('status.dismiss')}
            onClick={() => designerStore.getState().setStatus(undefined)}
          >
            <Icon name="close" size={12} />
          </button>
        )}
        {expanded && details.length > 0 && (
          <ul className="fd-status-details">
            {details.map((d, i) => (
              <li key={i}>{d}</li>
            ))}
          </ul>
        )}
      </div>
      <button type="button" className="fd-status-counts" onClick={onShowProblems} title={t('problems.title')}>
        <span className={errors ? 'is-error' : ''}>
          <Icon name="error" size={13} /> {errors}
        </span>
        <span className={warnings ? 'is-warning' : ''}>
          <Icon name="warning" size={13} /> {warnings}
        </span>
      </button>
    </footer>
  );
}
