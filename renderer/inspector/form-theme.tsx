/**
 * The inspector's light @rjsf theme: compact templates (label, input, help text from the
 * schema's `description`, errors from the host), text buttons instead of glyph fonts, and the
 * widgets/fields Flowdesk adds — template and expression inputs with path autocomplete, JSON
 * and JavaScript in Monaco. Default @rjsf ids (`root_url`, `root_headers__add`) are kept: the
 * end-to-end suite relies on them.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type {
  ArrayFieldItemButtonsTemplateProps,
  ArrayFieldItemTemplateProps,
  ArrayFieldTemplateProps,
  FieldErrorProps,
  FieldProps,
  FieldTemplateProps,
  IconButtonProps,
  ObjectFieldTemplateProps,
  RegistryFieldsType,
  RegistryWidgetsType,
  TemplatesType,
  WidgetProps,
} from '@rjsf/utils';
import { getDefaultRegistry } from '@rjsf/core';
import { CodeEditor } from '../editors/CodeEditor.js';
import { JsonEditor } from '../editors/JsonEditor.js';
import { useJsonText } from '../editors/use-json-text.js';
import { hiddenSetting } from './applicable-settings.js';
import { inspectorContext, templateTestId } from './form-context.js';
import { templateValueOf } from './template-completion.js';
import { TemplateInput } from './TemplateInput.js';
import { CronWidget, TimeZoneWidget } from './ScheduleWidgets.js';
import { loadSamples } from './trigger-sample.js';
import { FIELD, WIDGET } from './ui-schema.js';

type Ctx = ReturnType<typeof inspectorContext>;

/**
 * Field titles arrive in the UI language already (`ui:title` from the node's i18n.ts); a title
 * a node folder does not translate yet may still have a `schema.<English title>` entry.
 */
function localized(ctx: Ctx, text: string | undefined): string {
  if (!text) return '';
  const key = `schema.${text}`;
  const found = ctx.t(key);
  return found === key ? text : found;
}

function ctxOf(registry: { formContext: unknown }): Ctx {
  return inspectorContext(registry.formContext);
}

function HelpText({ id, text }: { id: string; text?: ReactNode }) {
  if (!text) return null;
  return (
    <div id={id} className="fd-help">
      {text}
    </div>
  );
}

/** An editor hint that only repeats the schema's description is not shown twice. */
function repeats(description: string, help: string): boolean {
  const plain = (text: string) =>
    text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  return plain(help) !== '' && plain(description).includes(plain(help));
}

function FieldTemplate(props: FieldTemplateProps) {
  const { id, label, children, errors, hidden, required, displayLabel, rawDescription, rawHelp, schema, registry } =
    props;
  if (hidden) return null;
  const ctx = ctxOf(registry);
  // Objects and arrays draw their own legend, unless a custom field (JSON, code) edits them whole.
  const custom = props.uiSchema?.['ui:field'] !== undefined;
  const isContainer = !custom && (schema.type === 'object' || schema.type === 'array');
  const isCheckbox = schema.type === 'boolean';
  // The schema's example follows the conditionals (ServiceNow's instance, not Zendesk's), so
  // the help line says it rather than a description that lists every case.
  const example = firstExample(schema);
  const described = localized(ctx, rawDescription);
  const description = example ? [described, ctx.t('form.example', { example })].filter(Boolean).join(' ') : described;
  return (
    <div className={`fd-field ${props.classNames ?? ''}`} data-field-id={id}>
      {(displayLabel || custom) && !isContainer && !isCheckbox && (
        <label htmlFor={id} className="fd-label">
          {localized(ctx, label)}
          {required && <span className="fd-required"> *</span>}
        </label>
      )}
      {children}
      {errors}
      {/* A checkbox draws its own description next to the box. */}
      {!isContainer && !isCheckbox && <HelpText id={`${id}__description`} text={description} />}
      {rawHelp && !repeats(description, rawHelp) && <HelpText id={`${id}__help`} text={rawHelp} />}
    </div>
  );
}

function FieldErrorTemplate({ errors, fieldPathId }: FieldErrorProps) {
  const list = (errors ?? []).filter((e) => e !== '' && e !== undefined);
  if (list.length === 0) return null;
  return (
    <ul id={`${fieldPathId.$id}__error`} className="fd-field-errors" data-testid="field-error">
      {list.map((error, i) => (
        <li key={i}>{error}</li>
      ))}
    </ul>
  );
}

/** The first cell of a row (a path, a field name) gets the most room. */
function rowColumns(count: number): string {
  return count <= 2 ? `repeat(${count}, minmax(0, 1fr))` : `minmax(0, 1.6fr) repeat(${count - 1}, minmax(0, 1fr))`;
}

function ObjectFieldTemplate(props: ObjectFieldTemplateProps) {
  const { title, description, properties, fieldPathId, uiSchema, registry } = props;
  const ctx = ctxOf(registry);
  const options = (uiSchema?.['ui:options'] ?? {}) as { layout?: string };
  const isRoot = fieldPathId.path.length === 0;
  const isRow = options.layout === 'row';
  // Settings the schema's conditionals mark unused for this case stay out of sight while empty.
  const resolvedProps = (props.schema.properties ?? {}) as Record<string, unknown>;
  const data = (props.formData ?? {}) as Record<string, unknown>;
  const visible = properties.filter((p) => !p.hidden && !hiddenSetting(resolvedProps[p.name], data[p.name]));
  if (isRow) {
    return (
      <div className="fd-row" id={fieldPathId.$id} style={{ gridTemplateColumns: rowColumns(visible.length) }}>
        {visible.map((p) => (
          <div key={p.name} className="fd-row-cell">
            {p.content}
          </div>
        ))}
      </div>
    );
  }
  return (
    <fieldset className={isRoot ? 'fd-form-root' : 'fd-group'} id={fieldPathId.$id}>
      {/* A list item is framed by its list: rjsf's generated "Outputs-2" title says nothing. */}
      {!isRoot && title && typeof fieldPathId.path.at(-1) !== 'number' && (
        <legend className="fd-group-title">{localized(ctx, title)}</legend>
      )}
      {!isRoot && typeof description === 'string' && (
        <HelpText id={`${fieldPathId.$id}__description`} text={localized(ctx, description)} />
      )}
      {visible.map((p) => p.content)}
    </fieldset>
  );
}

function ArrayFieldTemplate(props: ArrayFieldTemplateProps) {
  const { title, schema, items, canAdd, onAddClick, fieldPathId, registry, disabled, readonly, uiSchema } = props;
  const ctx = ctxOf(registry);
  // The UI language's text (ui:description, see field-texts.ts) before the schema's.
  const description = (uiSchema?.['ui:description'] as string | undefined) ?? schema.description;
  const { AddButton } = registry.templates.ButtonTemplates;
  return (
    <fieldset className="fd-group fd-array" id={fieldPathId.$id}>
      <legend className="fd-group-title">
        {localized(ctx, (uiSchema?.['ui:title'] as string | undefined) ?? title)}
      </legend>
      {typeof description === 'string' && (
        <HelpText id={`${fieldPathId.$id}__description`} text={localized(ctx, description)} />
      )}
      <div className="fd-array-items">{items}</div>
      {canAdd && (
        <AddButton
          id={`${fieldPathId.$id}__add`}
          className="rjsf-array-item-add"
          onClick={onAddClick}
          disabled={disabled || readonly}
          uiSchema={uiSchema}
          registry={registry}
        />
      )}
    </fieldset>
  );
}

function ArrayFieldItemTemplate(props: ArrayFieldItemTemplateProps) {
  const { children, buttonsProps, hasToolbar, registry } = props;
  const Buttons = registry.templates.ArrayFieldItemButtonsTemplate;
  return (
    <div className="fd-array-item">
      <div className="fd-array-item-body">{children}</div>
      {hasToolbar && (
        <div className="fd-array-item-tools">
          <Buttons {...buttonsProps} />
        </div>
      )}
    </div>
  );
}

function ArrayFieldItemButtonsTemplate(props: ArrayFieldItemButtonsTemplateProps) {
  const { fieldPathId, registry, disabled, readonly } = props;
  const { MoveUpButton, MoveDownButton, RemoveButton } = registry.templates.ButtonTemplates;
  const id = fieldPathId.$id;
  const off = disabled || readonly;
  return (
    <>
      {(props.hasMoveUp || props.hasMoveDown) && (
        <>
          <MoveUpButton
            id={`${id}__moveUp`}
            disabled={off || !props.hasMoveUp}
            onClick={props.onMoveUpItem}
            registry={registry}
          />
          <MoveDownButton
            id={`${id}__moveDown`}
            disabled={off || !props.hasMoveDown}
            onClick={props.onMoveDownItem}
            registry={registry}
          />
        </>
      )}
      {props.hasRemove && (
        <RemoveButton id={`${id}__remove`} disabled={off} onClick={props.onRemoveItem} registry={registry} />
      )}
    </>
  );
}

function textButton(glyph: string, labelKey: string, className: string) {
  return function TextButton(props: IconButtonProps) {
    const { registry, uiSchema: _ui, iconType: _it, icon: _icon, className: extra, ...rest } = props;
    const label = ctxOf(registry).t(labelKey);
    return (
      <button
        type="button"
        className={`fd-btn fd-btn-small ${className} ${extra ?? ''}`}
        title={label}
        aria-label={label}
        {...rest}
      >
        {glyph}
      </button>
    );
  };
}

function AddButton(props: IconButtonProps) {
  const { registry, uiSchema: _ui, iconType: _it, icon: _icon, className, ...rest } = props;
  return (
    <button type="button" className={`fd-btn fd-btn-small fd-add ${className ?? ''}`} {...rest}>
      + {ctxOf(registry).t('form.addItem')}
    </button>
  );
}

// ---------------------------------------------------------------------------------------------
// Widgets

/**
 * A field that accepts text or a number/boolean (a Condition's "compare with") keeps typed
 * numbers and true/false as such, so `2` compares as a number.
 */
function typedText(text: string, type: unknown): unknown {
  const types = Array.isArray(type) ? type : [type];
  if (types.length < 2) return text;
  if (types.includes('number') && /^-?\d+(\.\d+)?$/.test(text.trim())) return Number(text.trim());
  if (types.includes('boolean') && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

/** A schema's first `examples` entry, shown as the placeholder (it may follow a conditional). */
function firstExample(schema: { examples?: unknown }): string | undefined {
  const first = Array.isArray(schema.examples) ? schema.examples[0] : undefined;
  return typeof first === 'string' ? first : undefined;
}

function templateWidget(mode: 'template' | 'expression' | 'jsonpath') {
  return function PathWidget(props: WidgetProps) {
    const ctx = ctxOf(props.registry);
    const options = props.options as { multiline?: boolean; picks?: 'list' };
    const value = typeof props.value === 'string' ? props.value : props.value === undefined ? '' : String(props.value);
    // A loop's per-item field reads its body's steps and the item: it offers those.
    const perItem = (props.schema as { 'x-scope'?: unknown })['x-scope'] === 'body' ? ctx.bodyScope : undefined;
    return (
      <TemplateInput
        id={props.id}
        value={value}
        mode={mode}
        paths={mode === 'jsonpath' ? (ctx.jsonPaths ?? []) : (perItem?.paths ?? ctx.paths)}
        multiline={options.multiline === true}
        placeholder={props.placeholder || firstExample(props.schema)}
        disabled={props.disabled || props.readonly}
        invalid={(props.rawErrors?.length ?? 0) > 0}
        testId={templateTestId(props.id)}
        ariaDescribedBy={`${props.id}__error ${props.id}__description ${props.id}__help`}
        listLabel={ctx.t('form.pathList')}
        hint={ctx.pathHint}
        samples={mode === 'jsonpath' ? ctx.samples.jsonpath : (perItem?.samples ?? ctx.samples.template)}
        pickLists={options.picks === 'list'}
        t={ctx.t}
        onChange={(text) =>
          props.onChange(text === '' && !props.required ? undefined : typedText(text, props.schema.type))
        }
        onBlur={() => props.onBlur(props.id, props.value)}
        onFocus={() => props.onFocus(props.id, props.value)}
      />
    );
  };
}

/** The trigger's sample payload file: free text, with the host's shipped samples offered. */
function SamplePayloadWidget(props: WidgetProps) {
  const [names, setNames] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    void loadSamples().then((list) => live && setNames(list.map((s) => `payloads/${s.name}`)));
    return () => {
      live = false;
    };
  }, []);
  const listId = `${props.id}__samples`;
  return (
    <>
      <input
        id={props.id}
        type="text"
        className="fd-input fd-mono"
        list={listId}
        value={typeof props.value === 'string' ? props.value : ''}
        placeholder={props.placeholder}
        disabled={props.disabled || props.readonly}
        onChange={(e) => props.onChange(e.target.value === '' ? undefined : e.target.value)}
        onBlur={() => props.onBlur(props.id, props.value)}
        onFocus={() => props.onFocus(props.id, props.value)}
      />
      <datalist id={listId}>
        {names.map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// Fields (they edit any JSON value, which @rjsf's widgets cannot)

function HiddenField() {
  return null;
}

/** A JSON value: Monaco for big values, one line for a cell of a row (mapping default). */
function JsonField(props: FieldProps) {
  const ctx = ctxOf(props.registry);
  const id = props.fieldPathId.$id;
  const compact = props.fieldPathId.path.some((seg) => typeof seg === 'number');
  const {
    text,
    invalid: bad,
    change,
    blur,
  } = useJsonText(props.formData, (value) => props.onChange(value, props.fieldPathId.path), compact);
  const label = localized(ctx, props.schema.title ?? props.name);
  const note = bad ? <div className="fd-field-errors">{ctx.t('form.jsonNotValid')}</div> : null;
  if (compact) {
    return (
      <>
        <input
          id={id}
          type="text"
          className={`fd-input fd-json-input${bad ? ' fd-invalid' : ''}`}
          value={text}
          placeholder={props.uiSchema?.['ui:placeholder'] as string | undefined}
          aria-label={label}
          spellCheck={false}
          onChange={(event) => change(event.target.value)}
          onBlur={blur}
        />
        {note}
      </>
    );
  }
  return (
    <>
      <JsonEditor
        id={id}
        value={text}
        onChange={change}
        onBlur={blur}
        modelKey={`${ctx.nodeId}/${props.fieldPathId.path.join('/')}`}
        height={220}
        testId={`json-${id.replace(/^root/, '')}`}
        schema={props.schema.type === undefined ? undefined : (props.schema as object)}
      />
      {note}
    </>
  );
}

/** A template input for a value of any JSON type (a ticket field's value). */
function TemplateValueField(props: FieldProps) {
  const ctx = ctxOf(props.registry);
  const id = props.fieldPathId.$id;
  const value = props.formData;
  const text = value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  return (
    <TemplateInput
      id={id}
      value={text}
      mode="template"
      paths={ctx.paths}
      placeholder={props.uiSchema?.['ui:placeholder'] as string | undefined}
      disabled={props.disabled || props.readonly}
      invalid={(props.rawErrors?.length ?? 0) > 0}
      testId={templateTestId(id)}
      listLabel={ctx.t('form.pathList')}
      samples={ctx.samples.template}
      t={ctx.t}
      onChange={(next) => props.onChange(templateValueOf(next), props.fieldPathId.path)}
    />
  );
}

function CodeField(props: FieldProps) {
  const ctx = ctxOf(props.registry);
  const id = props.fieldPathId.$id;
  return (
    <CodeEditor
      id={id}
      value={typeof props.formData === 'string' ? props.formData : ''}
      onChange={(text) => props.onChange(text, props.fieldPathId.path)}
      typings={ctx.codeTypings}
      modelKey={ctx.nodeId}
      testId={`code-${id.replace(/^root/, '')}`}
    />
  );
}

export const inspectorTemplates: Partial<TemplatesType> = {
  FieldTemplate,
  FieldErrorTemplate,
  ObjectFieldTemplate,
  ArrayFieldTemplate,
  ArrayFieldItemTemplate,
  ArrayFieldItemButtonsTemplate,
  ButtonTemplates: {
    AddButton,
    RemoveButton: textButton('✕', 'form.removeItem', 'fd-remove'),
    MoveUpButton: textButton('↑', 'form.moveUp', 'fd-move'),
    MoveDownButton: textButton('↓', 'form.moveDown', 'fd-move'),
    CopyButton: textButton('⧉', 'form.copyItem', 'fd-copy'),
  } as TemplatesType['ButtonTemplates'],
};

const defaults = getDefaultRegistry().widgets;
const DefaultCheckbox = defaults.CheckboxWidget!;
const DefaultSelect = defaults.SelectWidget!;
const DefaultRadio = defaults.RadioWidget!;

/** @rjsf's checkbox draws the schema title itself, next to the box: in the UI language here. */
function LocalizedCheckboxWidget(props: WidgetProps) {
  return <DefaultCheckbox {...props} label={localized(ctxOf(props.registry), props.label)} />;
}

/**
 * Option values are the enum values themselves (`<option value="apiKey">`), not indexes: clearer
 * in the DOM, and what the end-to-end suite selects by now that options have labels in the UI
 * language. @rjsf's string field hands widgets only the field's own ui options, so the form's
 * `ui:globalOptions` does not reach them; the widgets set it themselves.
 */
function realValues(props: WidgetProps): WidgetProps {
  return { ...props, options: { ...props.options, optionValueFormat: 'realValue' } };
}

function SelectWidget(props: WidgetProps) {
  return <DefaultSelect {...realValues(props)} />;
}

function RadioWidget(props: WidgetProps) {
  return <DefaultRadio {...realValues(props)} />;
}

export const inspectorWidgets: RegistryWidgetsType = {
  CheckboxWidget: LocalizedCheckboxWidget,
  SelectWidget,
  RadioWidget,
  template: templateWidget('template'),
  expression: templateWidget('expression'),
  [WIDGET.jsonpath]: templateWidget('jsonpath'),
  [WIDGET.sample]: SamplePayloadWidget,
  [WIDGET.cron]: CronWidget,
  [WIDGET.timeZone]: TimeZoneWidget,
};

export const inspectorFields: RegistryFieldsType = {
  [FIELD.json]: JsonField,
  [FIELD.code]: CodeField,
  [FIELD.hidden]: HiddenField,
  [FIELD.templateValue]: TemplateValueField,
};
