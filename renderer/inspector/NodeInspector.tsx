/**
 * The inspector for one node: header, name, description, node-level problems, credential
 * slots, the generated config form and the node type's help.
 */
import { lazy, Suspense, useRef } from 'react';
import type { FlowNode } from '../../core/flow.js';
import { editorFor } from '../../nodes/registry.editor.js';
import { manifestFor } from '../../nodes/registry.js';
import { NodeIcon } from '../app/icons.js';
import { CredentialPicker } from '../credentials/CredentialPicker.js';
import { pick, useLocale, useT } from '../i18n/index.js';
import { issueText } from '../i18n/issue-text.js';
import { useDesigner } from '../state/flow-store.js';
import { StepView } from '../test-bench/TraceView.js';
import { shownStep } from '../canvas/trace-marks.js';
import { useFocusField } from './focus-field.js';
import { nodeLevelIssues } from './issue-errors.js';
import { MarkdownLite } from './MarkdownLite.js';
import { NodeLabelInput } from './NodeLabelInput.js';
import { NodeNameInput } from './NodeNameInput.js';

/**
 * The config form (@rjsf and the inspector's theme, ~40 % of the designer's own script) loads
 * in its own chunk: the canvas and palette do not wait for it. It is fetched while the page is
 * idle, so selecting the first node finds it ready.
 */
const loadConfigForm = () => import('./ConfigForm.js').then((m) => ({ default: m.ConfigForm }));
const ConfigForm = lazy(loadConfigForm);
setTimeout(() => void loadConfigForm(), 500);

/** What this node did in the last run drawn on the canvas (test bench or "Run with payload"). */
function LastRun({ nodeId }: { nodeId: string }) {
  const t = useT();
  const trace = useDesigner((s) => s.lastTrace);
  const open = useDesigner((s) => s.openIteration);
  // A node inside a loop's body shows the iteration the canvas shows.
  const step = shownStep(trace, open, nodeId);
  if (!step) return null;
  return (
    <details className="fd-node-help" data-testid="node-last-run">
      <summary>{t('inspector.lastRun')}</summary>
      <ol className="fd-steps">
        <StepView step={step} />
      </ol>
    </details>
  );
}

export function NodeInspector({ node }: { node: FlowNode }) {
  const t = useT();
  const locale = useLocale();
  const issues = useDesigner((s) => s.issues);
  const setNodeDescription = useDesigner((s) => s.setNodeDescription);
  const sealHistory = useDesigner((s) => s.sealHistory);
  const container = useRef<HTMLDivElement>(null);
  useFocusField(node.id, container);

  const manifest = manifestFor(node.type);
  const editor = editorFor(node.type);
  const title = pick(editor?.title, locale, manifest?.title ?? node.type);
  const own = nodeLevelIssues(issues, node.id).filter((i) => !/\/credentials\//.test(i.pointer));

  return (
    <div className="fd-node-inspector" ref={container} data-node-id={node.id}>
      <header className="fd-inspector-head">
        <span className="fd-node-icon" style={{ background: editor?.color ?? '#667' }} aria-hidden="true">
          <NodeIcon shapes={editor?.icon} size={16} />
        </span>
        <div>
          <h2 className="fd-inspector-title">{title}</h2>
          <div className="fd-muted">{pick(editor?.description, locale)}</div>
        </div>
      </header>
      <NodeLabelInput node={node} />
      <NodeNameInput node={node} />
      <div className="fd-field">
        <label className="fd-label" htmlFor="node-description-input">
          {t('inspector.description')}
        </label>
        <textarea
          id="node-description-input"
          data-testid="node-description-input"
          className="fd-input"
          rows={2}
          value={node.description ?? ''}
          onChange={(e) => setNodeDescription(node.id, e.target.value === '' ? undefined : e.target.value)}
          onBlur={() => sealHistory()}
        />
      </div>
      {own.length > 0 && (
        <ul className="fd-node-issues" data-testid="node-issues">
          {own.map((issue, i) => (
            <li key={i} className={`fd-issue-${issue.severity}`}>
              {issueText(issue, locale)}
            </li>
          ))}
        </ul>
      )}
      {!manifest ? (
        <p className="fd-field-errors">{t('inspector.unknownType', { type: node.type })}</p>
      ) : (
        <>
          {manifest.credentialSlots.map((slot) => (
            <CredentialPicker key={slot.name} node={node} slot={slot} />
          ))}
          <Suspense fallback={<p className="fd-muted">{t('editor.loading')}</p>}>
            <ConfigForm node={node} manifest={manifest} editor={editor} />
          </Suspense>
        </>
      )}
      <LastRun nodeId={node.id} />
      {editor?.help && (
        <details className="fd-node-help">
          <summary>{t('inspector.help')}</summary>
          <MarkdownLite text={pick(editor.help, locale)} />
        </details>
      )}
    </div>
  );
}
