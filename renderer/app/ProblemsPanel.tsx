/**
 * The problems panel: every issue live validation found, errors first. Clicking one selects
 * its node and tells the inspector which field to focus (`focusField`).
 */
import { useMemo } from 'react';
import type { FlowIssue } from '../../core/validation-types.js';
import { useLocale, useT } from '../i18n/index.js';
import { issueText } from '../i18n/issue-text.js';
import { designerStore, useDesigner } from '../state/flow-store.js';
import { Icon } from './icons.js';

export function sortIssues(issues: readonly FlowIssue[]): FlowIssue[] {
  const rank = (i: FlowIssue) => (i.severity === 'error' ? 0 : 1);
  return [...issues].sort((a, b) => rank(a) - rank(b));
}

export function ProblemsPanel() {
  const t = useT();
  const locale = useLocale();
  const issues = useDesigner((s) => s.issues);
  const nodes = useDesigner((s) => s.flow.nodes);
  const focus = useDesigner((s) => s.focusField);
  const names = useMemo(() => new Map(nodes.map((n) => [n.id, n.name])), [nodes]);
  const sorted = useMemo(() => sortIssues(issues), [issues]);

  const reveal = (issue: FlowIssue) => {
    const state = designerStore.getState();
    if (issue.nodeId && names.has(issue.nodeId)) {
      state.select([issue.nodeId]);
      state.setFocusField({ nodeId: issue.nodeId, pointer: issue.field ?? '' });
    } else {
      state.select([]);
      state.setFocusField(undefined);
    }
  };

  return (
    <div className="fd-problems" data-testid="problems">
      {sorted.length === 0 ? (
        <p className="fd-problems-none">
          <Icon name="check" size={14} /> {t('problems.none')}
        </p>
      ) : (
        <ul className="fd-problems-list" role="list">
          {sorted.map((issue, i) => {
            const name = issue.nodeId ? names.get(issue.nodeId) : undefined;
            const active = !!focus && focus.nodeId === issue.nodeId && focus.pointer === (issue.field ?? '');
            return (
              <li key={`${issue.pointer}|${issue.code}|${i}`}>
                <button
                  type="button"
                  className={`fd-problem is-${issue.severity}${active ? ' is-active' : ''}`}
                  data-testid="problem"
                  data-severity={issue.severity}
                  data-node={name ?? ''}
                  title={issue.pointer}
                  onClick={() => reveal(issue)}
                >
                  <span className={`fd-problem-icon is-${issue.severity}`} aria-label={t(`problems.${issue.severity}`)}>
                    <Icon name={issue.severity === 'error' ? 'error' : 'warning'} size={14} />
                  </span>
                  <span className="fd-problem-node">{name ?? t('problems.flow')}</span>
                  <span className="fd-problem-message">{issueText(issue, locale)}</span>
                  {issue.field && <span className="fd-problem-field">{issue.field}</span>}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
