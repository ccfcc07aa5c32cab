/**
 * Edits one test case: its name and description, the trigger payload (typed as JSON, or a
 * sample payload kept as a `payloadFile` reference and shown read-only until copied into the
 * case), the trigger's headers, the recorded responses each calling node gets, and the
 * expectations (the path the run must take, and the rest as JSON).
 */
import { manifestFor } from '../../nodes/registry.js';
import { useEffect, useState } from 'react';
import type { FlowTest, ParamValue, RecordedResponse, TestExpectations } from '../../core/flow.js';
import type { SamplePayload } from '../../core/host-api.js';
import { JsonEditor } from '../editors/JsonEditor.js';
import { useJsonText } from '../editors/use-json-text.js';
import { useT } from '../i18n/index.js';
import { loadSamples, useSampleMemory } from '../inspector/trigger-sample.js';
import { useDesigner } from '../state/flow-store.js';
import { expectationsSchema, recordedResponsesSchema, stateSeedSchema } from './bench-schemas.js';
import { parseInstant } from '../../core/schedule/schedule.js';
import { casePayload, sampleFile, triggerHeaders } from './test-cases.js';

export interface TestCaseEditorProps {
  test: FlowTest;
  onRename: (name: string) => string | undefined;
  onPatch: (patch: Partial<FlowTest>) => void;
}

function JsonBlock(props: {
  id: string;
  label: string;
  value: unknown;
  onValid: (v: unknown) => void;
  modelKey: string;
  height?: number;
  help?: string;
  schema?: object;
}) {
  const t = useT();
  const { text, invalid, change, blur } = useJsonText(props.value, props.onValid);
  return (
    <div className="fd-field">
      <label className="fd-label" htmlFor={props.id}>
        {props.label}
      </label>
      <JsonEditor
        id={props.id}
        testId={props.id}
        value={text}
        onChange={change}
        onBlur={blur}
        modelKey={props.modelKey}
        schema={props.schema}
        height={props.height ?? 140}
      />
      {invalid && <div className="fd-field-errors">{t('form.jsonNotValid')}</div>}
      {props.help && <div className="fd-help">{props.help}</div>}
    </div>
  );
}

function CaseName({ test, onRename }: Pick<TestCaseEditorProps, 'test' | 'onRename'>) {
  const t = useT();
  const [draft, setDraft] = useState(test.name);
  const [reason, setReason] = useState<string | undefined>();
  useEffect(() => setDraft(test.name), [test.name]);
  const commit = () => {
    if (draft !== test.name) setReason(onRename(draft));
  };
  return (
    <div className="fd-field">
      <label className="fd-label" htmlFor="tb-case-name">
        {t('tb.caseName')}
      </label>
      <input
        id="tb-case-name"
        data-testid="tb-case-name"
        className={`fd-input${reason ? ' fd-invalid' : ''}`}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
      {reason && <div className="fd-field-errors">{reason}</div>}
    </div>
  );
}

function SamplePicker({ current, onPick }: { current?: string; onPick: (sample: SamplePayload) => void }) {
  const t = useT();
  const [samples, setSamples] = useState<SamplePayload[]>([]);
  const remember = useSampleMemory((s) => s.pick);
  useEffect(() => {
    void loadSamples().then(setSamples);
  }, []);
  return (
    <div className="fd-field">
      <label className="fd-label" htmlFor="tb-sample">
        {t('tb.sample')}
      </label>
      <select
        id="tb-sample"
        data-testid="tb-sample"
        className="fd-input"
        value={samples.some((s) => s.name === current) ? current : ''}
        onChange={(e) => {
          const sample = samples.find((s) => s.name === e.target.value);
          if (!sample) return;
          remember(sample.name);
          onPick(sample);
        }}
      >
        <option value="">{t('tb.samplePick')}</option>
        {samples.map((s) => (
          <option key={s.name} value={s.name}>
            {s.name}
          </option>
        ))}
      </select>
      <div className="fd-help">{t('tb.sampleHelp')}</div>
    </div>
  );
}

/** The trigger's headers as a JSON object of text values (an API token header, a signature…). */
function HeadersBlock({ test, onPatch }: Pick<TestCaseEditorProps, 'test' | 'onPatch'>) {
  const t = useT();
  const [wrong, setWrong] = useState(false);
  const { text, invalid, change, blur } = useJsonText(test.trigger.headers, (value) => {
    const headers = triggerHeaders(value);
    setWrong(headers === null);
    if (headers !== null) onPatch({ trigger: { ...test.trigger, headers } });
  });
  return (
    <div className="fd-field">
      <label className="fd-label" htmlFor="tb-headers">
        {t('tb.headers')}
      </label>
      <JsonEditor
        id="tb-headers"
        testId="tb-headers"
        value={text}
        onChange={change}
        onBlur={blur}
        modelKey={`test/${test.name}/headers`}
        schema={{ type: 'object', additionalProperties: { type: 'string' } }}
        height={90}
      />
      {(invalid || wrong) && <div className="fd-field-errors">{t('tb.headersNotValid')}</div>}
      <div className="fd-help">{t('tb.headersHelp')}</div>
    </div>
  );
}

/** A scheduled flow's case: the firing time it runs at, typed as ISO 8601 with a zone. */
function FiredAtField({ test, onPatch }: Pick<TestCaseEditorProps, 'test' | 'onPatch'>) {
  const t = useT();
  const [draft, setDraft] = useState(test.trigger.firedAt ?? '');
  useEffect(() => setDraft(test.trigger.firedAt ?? ''), [test.trigger.firedAt]);
  const invalid = draft.trim() !== '' && parseInstant(draft.trim()) === undefined;
  return (
    <div className="fd-field">
      <label className="fd-label" htmlFor="tb-fired-at">
        {t('tb.firedAt')}
      </label>
      <input
        id="tb-fired-at"
        data-testid="tb-fired-at"
        className={`fd-input fd-mono${invalid ? ' fd-invalid' : ''}`}
        value={draft}
        placeholder="2026-04-01T02:00:00+09:00"
        spellCheck={false}
        onChange={(e) => {
          setDraft(e.target.value);
          const text = e.target.value.trim();
          // Kept only once it reads, as the JSON editors keep the last valid value.
          if (text === '' || parseInstant(text) !== undefined) {
            const { firedAt: _dropped, ...rest } = test.trigger;
            onPatch({ trigger: text === '' ? rest : { ...rest, firedAt: text } });
          }
        }}
      />
      {invalid && <div className="fd-field-errors">{t('tb.firedAtNotValid')}</div>}
      <div className="fd-help">{t('tb.firedAtHelp')}</div>
    </div>
  );
}

function parsePath(text: string): string[] | undefined {
  const path = text
    .split(/[\s,→>]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  return path.length ? path : undefined;
}

/** Node names separated by commas or arrows; the text is kept as typed while it means the same path. */
function ExpectPath(props: { path?: string[]; placeholder: string; onChange: (path: string[] | undefined) => void }) {
  const t = useT();
  const [text, setText] = useState((props.path ?? []).join(', '));
  useEffect(() => {
    if (JSON.stringify(parsePath(text)) !== JSON.stringify(props.path)) setText((props.path ?? []).join(', '));
    // Only an outside change of the path replaces the text.
  }, [props.path]);
  return (
    <div className="fd-field">
      <label className="fd-label" htmlFor="tb-expect-path">
        {t('tb.expectPath')}
      </label>
      <input
        id="tb-expect-path"
        data-testid="tb-expect-path"
        className="fd-input fd-mono"
        value={text}
        placeholder={props.placeholder}
        onChange={(e) => {
          setText(e.target.value);
          props.onChange(parsePath(e.target.value));
        }}
      />
      <div className="fd-help">{t('tb.expectPathHelp')}</div>
    </div>
  );
}

/** A webhook flow's case: the payload (typed, or a sample file it refers to) and the headers. */
function WebhookTrigger({
  test,
  payload,
  onPatch,
}: Pick<TestCaseEditorProps, 'test' | 'onPatch'> & { payload: unknown }) {
  const t = useT();
  const [sampleError, setSampleError] = useState<string | undefined>();
  return (
    <>
      <SamplePicker
        current={sampleFile(test.trigger.payloadFile)}
        onPick={(sample) => {
          try {
            JSON.parse(sample.text);
            // A reference, not a copy: the case follows the sample file (as shipped flows do).
            onPatch({ trigger: { ...test.trigger, body: undefined, payloadFile: `payloads/${sample.name}` } });
            setSampleError(undefined);
          } catch {
            setSampleError(t('tb.sampleNotJson', { name: sample.name }));
          }
        }}
      />
      {sampleError && <div className="fd-field-errors">{sampleError}</div>}
      {test.trigger.payloadFile && test.trigger.body === undefined ? (
        <div className="fd-field">
          <div className="fd-label">{t('tb.payload')}</div>
          <p className="fd-help">{t('tb.payloadFile', { file: test.trigger.payloadFile })}</p>
          {payload === undefined ? (
            <p className="fd-field-errors">{t('tb.payloadFileMissing', { file: test.trigger.payloadFile })}</p>
          ) : (
            <>
              {/* Focusable so a keyboard can scroll a long payload; named for screen readers. */}
              <pre
                className="fd-json fd-json-readonly"
                data-testid="tb-payload-file-view"
                tabIndex={0}
                role="region"
                aria-label={t('tb.payloadFile', { file: test.trigger.payloadFile })}
              >
                {JSON.stringify(payload, null, 2)}
              </pre>
              <button
                type="button"
                className="fd-btn fd-btn-small"
                data-testid="tb-payload-copy"
                onClick={() => onPatch({ trigger: { ...test.trigger, body: payload, payloadFile: undefined } })}
              >
                {t('tb.payloadCopy')}
              </button>
            </>
          )}
        </div>
      ) : (
        <JsonBlock
          id="tb-payload"
          label={t('tb.payload')}
          value={payload}
          modelKey={`test/${test.name}/payload`}
          height={200}
          onValid={(body) => onPatch({ trigger: { ...test.trigger, body } })}
        />
      )}
      <HeadersBlock test={test} onPatch={onPatch} />
    </>
  );
}

export function TestCaseEditor({ test, onRename, onPatch }: TestCaseEditorProps) {
  const t = useT();
  const [samples, setSamples] = useState<SamplePayload[]>([]);
  useEffect(() => {
    void loadSamples().then(setSamples);
  }, []);
  const payload = casePayload(test, samples);
  const nodes = useDesigner((s) => s.flow.nodes);
  const scheduled = nodes.some((n) => manifestFor(n.type)?.triggerKind === 'schedule');
  const flowParams = useDesigner((s) => s.flow.params);
  const declaredParams = Object.entries(flowParams ?? {});
  // Completion and checking in the editor: the declared names with their types, nothing else.
  const paramsSchema = {
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(
      declaredParams.map(([name, p]) => [
        name,
        { type: p.type, ...(p.enum ? { enum: p.enum } : {}), ...(p.description ? { description: p.description } : {}) },
      ]),
    ),
  };
  // Nodes whose HTTP calls a test case answers with recorded responses, as their manifests say.
  const calling = nodes.filter((n) => manifestFor(n.type)?.recordedCalls === true);
  // Remember / Recall: the case may say what earlier runs of the flow left in its state store.
  const usesState = nodes.some((n) => manifestFor(n.type)?.usesState === true);
  const expect = test.expect ?? {};

  const setExpect = (patch: Partial<TestExpectations>) => {
    const next: Record<string, unknown> = { ...expect, ...patch };
    for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
    onPatch({ expect: next as TestExpectations });
  };

  const setResponses = (nodeName: string, value: unknown) => {
    const responses = { ...(test.responses ?? {}) };
    if (value === undefined || (Array.isArray(value) && value.length === 0)) delete responses[nodeName];
    else responses[nodeName] = (Array.isArray(value) ? value : [value]) as RecordedResponse[];
    onPatch({ responses: Object.keys(responses).length ? responses : undefined });
  };

  return (
    <div className="fd-case-editor" data-testid="tb-case-editor">
      <CaseName test={test} onRename={onRename} />
      <div className="fd-field">
        <label className="fd-label" htmlFor="tb-case-description">
          {t('inspector.description')}
        </label>
        <input
          id="tb-case-description"
          className="fd-input"
          value={test.description ?? ''}
          onChange={(e) => onPatch({ description: e.target.value || undefined })}
        />
      </div>
      {scheduled ? (
        <FiredAtField test={test} onPatch={onPatch} />
      ) : (
        <WebhookTrigger test={test} payload={payload} onPatch={onPatch} />
      )}
      {declaredParams.length > 0 && (
        <JsonBlock
          id="tb-params"
          label={t('tb.params')}
          value={test.params}
          modelKey={`test/${test.name}/params`}
          height={90}
          schema={paramsSchema}
          help={t('tb.paramsHelp', { names: declaredParams.map(([name]) => name).join(', ') })}
          onValid={(value) => {
            const given = value && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
            onPatch({
              params: given && Object.keys(given).length ? (given as Record<string, ParamValue>) : undefined,
            });
          }}
        />
      )}
      {(usesState || test.state !== undefined) && (
        <JsonBlock
          id="tb-state"
          label={t('tb.state')}
          value={test.state}
          modelKey={`test/${test.name}/state`}
          height={90}
          schema={stateSeedSchema}
          help={t('tb.stateHelp')}
          onValid={(value) => {
            const given = value && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
            onPatch({ state: given && Object.keys(given).length ? (given as Record<string, unknown>) : undefined });
          }}
        />
      )}
      <h3 className="fd-group-title">{t('tb.responses')}</h3>
      <p className="fd-help">{t('tb.responsesHelp')}</p>
      {calling.length === 0 && <p className="fd-muted">{t('tb.noCallingNodes')}</p>}
      {calling.map((node) => (
        <JsonBlock
          key={node.id}
          id={`tb-response-${node.name}`}
          label={node.name}
          value={test.responses?.[node.name]}
          modelKey={`test/${test.name}/responses/${node.id}`}
          schema={recordedResponsesSchema}
          onValid={(value) => setResponses(node.name, value)}
        />
      ))}
      <h3 className="fd-group-title">{t('tb.expect')}</h3>
      <ExpectPath
        path={expect.path}
        placeholder={nodes
          .map((n) => n.name)
          .slice(0, 3)
          .join(', ')}
        onChange={(path) => setExpect({ path })}
      />
      <JsonBlock
        id="tb-expect"
        label={t('tb.expectJson')}
        value={test.expect}
        modelKey={`test/${test.name}/expect`}
        schema={expectationsSchema}
        onValid={(value) => onPatch({ expect: (value ?? undefined) as TestExpectations | undefined })}
        help={t('tb.expectJsonHelp')}
      />
    </div>
  );
}
