/**
 * The flow's parameters in Flow settings: values that differ between environments, declared
 * once and read as `{{ params.x }}`. Text fields keep what is typed until it is committed
 * (Enter or leaving the field) so a half-typed number is never stored; each commit is an undo
 * step. Validation (unknown `params.x`, a default of the wrong type) stays the validator's.
 */
import { useEffect, useId, useState } from 'react';
import { PARAM_NAME_PATTERN, type FlowParam, type ParamValue } from '../../core/flow.js';
import { useT } from '../i18n/index.js';
import { useDesigner } from '../state/flow-store.js';

const NAME = new RegExp(PARAM_NAME_PATTERN);
const TYPES: FlowParam['type'][] = ['string', 'number', 'boolean'];

/** `text` as a value of `type`, '' as none; undefined when it cannot be one. */
export function paramValueOf(type: FlowParam['type'], text: string): ParamValue | null | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (type === 'string') return text;
  if (type === 'number') {
    const n = Number(trimmed);
    return Number.isFinite(n) ? n : undefined;
  }
  const lower = trimmed.toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : undefined;
}

/** "a, b" as allowed values of `type`; undefined when one of them cannot be. */
export function enumOf(type: FlowParam['type'], text: string): ParamValue[] | null | undefined {
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return null;
  const values = parts.map((p) => paramValueOf(type, p));
  return values.every((v): v is ParamValue => v !== undefined && v !== null) ? values : undefined;
}

/** A text input that commits on Enter or blur; Escape puts back the stored text. */
function CommitInput(props: {
  id: string;
  label: string;
  stored: string;
  help?: string;
  error?: string;
  testId: string;
  mono?: boolean;
  onCommit: (text: string) => boolean;
}) {
  const [draft, setDraft] = useState(props.stored);
  const [bad, setBad] = useState(false);
  useEffect(() => {
    setDraft(props.stored);
    setBad(false);
  }, [props.stored]);
  const commit = () => {
    if (draft === props.stored) return setBad(false);
    setBad(!props.onCommit(draft));
  };
  const helpId = `${props.id}-help`;
  return (
    <div className="fd-field">
      <label className="fd-label" htmlFor={props.id}>
        {props.label}
      </label>
      <input
        id={props.id}
        data-testid={props.testId}
        className={`fd-input${props.mono ? ' fd-mono' : ''}${bad ? ' fd-invalid' : ''}`}
        value={draft}
        spellCheck={false}
        aria-invalid={bad ? true : undefined}
        aria-describedby={props.help ? helpId : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') {
            setDraft(props.stored);
            setBad(false);
          }
        }}
      />
      {bad && props.error && (
        <div className="fd-field-errors" role="alert">
          {props.error}
        </div>
      )}
      {props.help && (
        <div id={helpId} className="fd-help">
          {props.help}
        </div>
      )}
    </div>
  );
}

function ParamRow({ name, param, usedBy }: { name: string; param: FlowParam; usedBy: string[] }) {
  const t = useT();
  const id = useId();
  const params = useDesigner((s) => s.flow.params);
  const setParams = useDesigner((s) => s.setParams);
  const put = (next: FlowParam | undefined) => {
    const all = { ...(params ?? {}) };
    if (next) all[name] = next;
    else delete all[name];
    setParams(all);
  };
  /** `param` with `key` set, or removed when `value` is null. */
  const withKey = <K extends keyof FlowParam>(key: K, value: FlowParam[K] | null): FlowParam => {
    const next = { ...param };
    if (value === null) delete next[key];
    else next[key] = value;
    return next;
  };
  const typeWords = t(`flowset.paramType.${param.type}`);

  return (
    <li className="fd-cred-item fd-param-item" data-testid="flow-param-row" data-param={name}>
      <div className="fd-cred-item-head">
        <strong className="fd-mono">params.{name}</strong>
        <button
          type="button"
          className="fd-btn fd-btn-small fd-right"
          aria-label={t('flowset.paramRemove', { name })}
          onClick={() => put(undefined)}
        >
          {t('flowset.undeclare')}
        </button>
      </div>
      <div className="fd-field">
        <label className="fd-label" htmlFor={`${id}-type`}>
          {t('flowset.paramType')}
        </label>
        <select
          id={`${id}-type`}
          className="fd-input"
          value={param.type}
          onChange={(e) => {
            const type = e.target.value as FlowParam['type'];
            // A default or list of the old type would be wrong for the new one: keep what still fits.
            const next: FlowParam = { ...param, type };
            const fitted = param.default === undefined ? undefined : paramValueOf(type, String(param.default));
            if (fitted === undefined || fitted === null) delete next.default;
            else next.default = fitted;
            const allowed = param.enum ? enumOf(type, param.enum.join(',')) : null;
            if (allowed) next.enum = allowed;
            else delete next.enum;
            put(next);
          }}
        >
          {TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`flowset.paramType.${type}`)}
            </option>
          ))}
        </select>
      </div>
      {!param.secret && (
        <CommitInput
          id={`${id}-default`}
          testId="flow-param-default"
          label={t('flowset.paramDefault')}
          help={t('flowset.paramDefaultHelp')}
          error={t('flowset.paramDefaultInvalid', { type: typeWords })}
          stored={param.default === undefined ? '' : String(param.default)}
          mono
          onCommit={(text) => {
            const value = paramValueOf(param.type, text);
            if (value === undefined) return false;
            put(withKey('default', value));
            return true;
          }}
        />
      )}
      <CommitInput
        id={`${id}-enum`}
        testId="flow-param-enum"
        label={t('flowset.paramEnum')}
        help={t('flowset.paramEnumHelp')}
        error={t('flowset.paramDefaultInvalid', { type: typeWords })}
        stored={(param.enum ?? []).join(', ')}
        mono
        onCommit={(text) => {
          const values = enumOf(param.type, text);
          if (values === undefined) return false;
          put(withKey('enum', values));
          return true;
        }}
      />
      <CommitInput
        id={`${id}-description`}
        testId="flow-param-description"
        label={t('flowset.paramDescription')}
        stored={param.description ?? ''}
        onCommit={(text) => {
          put(withKey('description', text.trim() === '' ? null : text));
          return true;
        }}
      />
      <label className="fd-check">
        <input
          type="checkbox"
          checked={param.secret === true}
          onChange={(e) => {
            // A secret's default would sit in the file in clear: it goes with the tick.
            const next = withKey('secret', e.target.checked ? true : null);
            if (e.target.checked) delete next.default;
            put(next);
          }}
        />{' '}
        {t('flowset.paramSecret')}
      </label>
      <div className="fd-help">
        {t('flowset.paramUsedBy')}: <span className="fd-mono">{usedBy.join(', ') || '—'}</span>
      </div>
    </li>
  );
}

export function FlowParams() {
  const t = useT();
  const params = useDesigner((s) => s.flow.params);
  const nodes = useDesigner((s) => s.flow.nodes);
  const setParams = useDesigner((s) => s.setParams);
  const [newName, setNewName] = useState('');
  const [error, setError] = useState<string | undefined>();
  const declared = Object.entries(params ?? {});

  const usedBy = (name: string) => {
    const reference = new RegExp(`\\bparams\\.${name}\\b`);
    return nodes.filter((n) => reference.test(JSON.stringify(n.config ?? {}))).map((n) => n.name);
  };

  const add = () => {
    const name = newName.trim();
    if (!NAME.test(name)) return setError(t('flowset.paramNameInvalid'));
    if (params && Object.prototype.hasOwnProperty.call(params, name)) {
      return setError(t('flowset.paramNameTaken', { name }));
    }
    setError(undefined);
    setNewName('');
    setParams({ ...(params ?? {}), [name]: { type: 'string' } });
  };

  return (
    <section className="fd-group" data-testid="flow-params">
      <h3 className="fd-group-title">{t('flowset.params')}</h3>
      <p className="fd-help">{t('flowset.paramsHelp')}</p>
      {declared.length === 0 ? (
        <p className="fd-muted">{t('flowset.noParams')}</p>
      ) : (
        <ul className="fd-cred-list">
          {declared.map(([name, param]) => (
            <ParamRow key={name} name={name} param={param} usedBy={usedBy(name)} />
          ))}
        </ul>
      )}
      <div className="fd-field">
        <label className="fd-label" htmlFor="flow-param-new">
          {t('flowset.paramNewName')}
        </label>
        <div className="fd-inline">
          <input
            id="flow-param-new"
            className={`fd-input fd-mono${error ? ' fd-invalid' : ''}`}
            value={newName}
            spellCheck={false}
            placeholder={t('flowset.paramNewNamePlaceholder')}
            aria-invalid={error ? true : undefined}
            onChange={(e) => setNewName(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') add();
            }}
          />
          <button type="button" className="fd-btn" onClick={add}>
            {t('flowset.addParam')}
          </button>
        </div>
        {error && (
          <div className="fd-field-errors" role="alert">
            {error}
          </div>
        )}
      </div>
    </section>
  );
}
