/**
 * Builds the @rjsf uiSchema of a node's config form from two sources, weakest first: what
 * the config schema itself says (`x-template` modes, `x-secret`, typeless JSON values), and
 * the node folder's editor hints (`NodeEditorInfo.uiSchema` and `fields`).
 *
 * Pure, so the same uiSchema comes out for the same node and tests need no DOM.
 */
import type { FieldHint, NodeEditorInfo, NodeTypeManifest } from '../../core/node-type.js';

export type UiNode = Record<string, unknown>;
type Schema = Record<string, unknown>;

/** Widget names registered by the inspector's form theme. */
export const WIDGET = {
  template: 'template',
  expression: 'expression',
  password: 'password',
  textarea: 'textarea',
  /** One JSONPath, with the body's paths offered. */
  jsonpath: 'jsonpath',
  /** A file name with the host's sample payloads offered. */
  sample: 'samplePayload',
  /** A cron expression with the next firings under it. */
  cron: 'cronExpression',
  /** A pick of IANA time zones. */
  timeZone: 'timeZone',
} as const;
/** Field names registered by the inspector's form theme (fields, not widgets: they edit any JSON). */
export const FIELD = { json: 'json', code: 'code', hidden: 'hiddenField', templateValue: 'templateValue' } as const;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `*` in a pattern matches exactly one segment (`/headers/*\/value` matches `/headers/0/value`). */
export function pointerMatches(pattern: string, pointer: string): boolean {
  const a = pattern.split('/');
  const b = pointer.split('/');
  return a.length === b.length && a.every((seg, i) => seg === '*' || b[i] === '*' || seg === b[i]);
}

function deepMerge(base: UiNode, extra: UiNode): UiNode {
  const out: UiNode = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const existing = out[key];
    out[key] = isObject(existing) && isObject(value) ? deepMerge(existing, value) : value;
  }
  return out;
}

/** The uiSchema node at a pattern pointer (`*` and digits step into `items`), created on demand. */
export function uiAt(root: UiNode, pointer: string): UiNode {
  let node = root;
  for (const seg of pointer.split('/').filter(Boolean)) {
    const key = seg === '*' || /^\d+$/.test(seg) ? 'items' : seg;
    const child = node[key];
    if (!isObject(child)) node[key] = {};
    node = node[key] as UiNode;
  }
  return node;
}

function isStringSchema(schema: Schema): boolean {
  return schema.type === 'string' && !Array.isArray(schema.enum);
}

function isTypeless(schema: Schema): boolean {
  return (
    schema.type === undefined &&
    !schema.enum &&
    !schema.const &&
    !schema.properties &&
    !schema.oneOf &&
    !schema.anyOf &&
    !schema.$ref
  );
}

/** Small objects of primitives (name/value rows, mapping rows, rules) render as one line each. */
/**
 * A list item of a few plain fields reads best on one line (a header's name and value). One that
 * holds a list or a group of its own does not: squeezed into a row cell, a Switch output's rules
 * got a third of the inspector's width.
 */
function isRowObject(schema: Schema): boolean {
  if (schema.type !== 'object' || !isObject(schema.properties)) return false;
  const props = Object.values(schema.properties);
  // A value that may also be a list (a rule's "in" operand) is still one field.
  const nested = (p: unknown) => isObject(p) && (p.type === 'array' || p.type === 'object');
  return props.length > 0 && props.length <= 4 && !props.some(nested);
}

function applyWidget(ui: UiNode, widget: FieldHint['widget']): void {
  switch (widget) {
    case 'template':
    case 'expression': {
      // A multi-line text stays multi-line when it becomes a template input.
      const multiline = ui['ui:widget'] === 'textarea';
      // A value of any JSON type (a ticket field's value) cannot take a widget: it gets the
      // template field, which keeps typed numbers, booleans and JSON as such.
      if (ui['ui:field'] === FIELD.json) ui['ui:field'] = FIELD.templateValue;
      else ui['ui:widget'] = widget;
      if (multiline) ui['ui:options'] = { ...(isObject(ui['ui:options']) ? ui['ui:options'] : {}), multiline: true };
      break;
    }
    case 'jsonpath':
      ui['ui:widget'] = WIDGET.jsonpath;
      break;
    case 'json':
      ui['ui:field'] = FIELD.json;
      break;
    case 'code':
      ui['ui:field'] = FIELD.code;
      break;
    case 'textarea':
    case 'password':
      ui['ui:widget'] = widget;
      break;
    case 'sample':
      ui['ui:widget'] = WIDGET.sample;
      break;
    case 'cron':
      ui['ui:widget'] = WIDGET.cron;
      break;
    case 'timeZone':
      ui['ui:widget'] = WIDGET.timeZone;
      break;
    default:
      break;
  }
}

function walkSchema(schema: unknown, pointer: string, root: UiNode, depth: number): void {
  if (!isObject(schema) || depth > 8) return;
  if (pointer !== '') {
    const ui = uiAt(root, pointer);
    // The schema's `x-template` mode picks the widget; `none` fields are plain inputs unless
    // a hint says otherwise.
    const mode = schema['x-template'];
    if (mode === 'none') {
      // plain input
    } else if (mode === 'expression' && isStringSchema(schema)) applyWidget(ui, 'expression');
    else if (schema['x-secret'] === true) applyWidget(ui, 'password');
    else if (isStringSchema(schema) && (mode === 'text' || mode === 'url' || mode === 'value')) {
      applyWidget(ui, 'template');
    } else if (isTypeless(schema)) applyWidget(ui, 'json');
    if (isRowObject(schema) && pointer.endsWith('/*'))
      ui['ui:options'] = { ...(isObject(ui['ui:options']) ? ui['ui:options'] : {}), layout: 'row' };
  }
  if (isObject(schema.properties)) {
    for (const [key, child] of Object.entries(schema.properties))
      walkSchema(child, `${pointer}/${key}`, root, depth + 1);
  }
  if (isObject(schema.items)) walkSchema(schema.items, `${pointer}/*`, root, depth + 1);
}

/**
 * Hides the siblings that belong to other choices of an enum, e.g. a Web Service body of type
 * `json` shows the JSON editor but not the form rows or the text box, and a Condition in
 * `rules` mode does not show the expression box. A choice "names" a sibling when an enum value
 * equals that sibling's property name.
 */
function hideOtherVariants(schema: unknown, data: unknown, ui: UiNode, depth = 0): void {
  if (!isObject(schema) || !isObject(schema.properties) || depth > 6) return;
  const props = schema.properties;
  for (const [key, choice] of Object.entries(props)) {
    if (!isObject(choice) || !Array.isArray(choice.enum)) continue;
    const named = choice.enum.filter(
      (option): option is string => typeof option === 'string' && option !== key && option in props,
    );
    if (named.length === 0) continue;
    const current = isObject(data) ? data[key] : undefined;
    for (const option of named) {
      if (option === current) continue;
      const child = isObject(ui[option]) ? (ui[option] as UiNode) : {};
      ui[option] = { ...child, 'ui:widget': 'hidden', 'ui:field': FIELD.hidden };
    }
  }
  for (const [key, child] of Object.entries(props)) {
    const childData = isObject(data) ? data[key] : undefined;
    if (isObject(child) && isObject(child.properties)) {
      const childUi = isObject(ui[key]) ? (ui[key] as UiNode) : {};
      hideOtherVariants(child, childData, childUi, depth + 1);
      ui[key] = childUi;
    }
  }
}

/**
 * Editor hints may make a field depend on a sibling's value:
 * `{ table: { 'ui:options': { showWhen: { provider: ['servicenow'] } } } }` shows `table` only
 * for ServiceNow. Applied per object level against the config.
 */
function applyShowWhen(ui: UiNode, data: unknown, depth = 0): void {
  if (depth > 6) return;
  for (const [key, child] of Object.entries(ui)) {
    if (key.startsWith('ui:') || !isObject(child)) continue;
    const options = child['ui:options'];
    const when = isObject(options) ? options.showWhen : undefined;
    if (isObject(when)) {
      const visible = Object.entries(when).every(([sibling, values]) => {
        const current = isObject(data) ? data[sibling] : undefined;
        return Array.isArray(values) ? values.includes(current) : values === current;
      });
      if (!visible) {
        ui[key] = { ...child, 'ui:widget': 'hidden', 'ui:field': FIELD.hidden };
        continue;
      }
    }
    applyShowWhen(child, isObject(data) ? data[key] : undefined, depth + 1);
  }
}

/** The uiSchema of one node's config form. `config` matters for variants shown or hidden. */
export function buildUiSchema(
  manifest: Pick<NodeTypeManifest, 'configSchema'>,
  editor: NodeEditorInfo | undefined,
  config: Record<string, unknown>,
): UiNode {
  let root: UiNode = {};
  walkSchema(manifest.configSchema, '', root, 0);
  if (editor?.uiSchema) root = deepMerge(root, editor.uiSchema);
  for (const hint of editor?.fields ?? []) {
    const ui = uiAt(root, hint.pointer);
    applyWidget(ui, hint.widget);
    if (hint.help) ui['ui:help'] = hint.help;
    if (hint.placeholder) ui['ui:placeholder'] = hint.placeholder;
    if (hint.picks) ui['ui:options'] = { ...(ui['ui:options'] as object | undefined), picks: hint.picks };
  }
  hideOtherVariants(manifest.configSchema, config, root);
  applyShowWhen(root, config);
  return root;
}
