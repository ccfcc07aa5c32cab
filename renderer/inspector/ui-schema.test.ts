// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { NodeEditorInfo, AnyNodeTypeManifest } from '../../core/node-type.js';
import { switchEditor } from '../../nodes/switch/editor.js';
import { switchManifest } from '../../nodes/switch/manifest.js';
import { webServiceEditor } from '../../nodes/web-service/editor.js';
import { webServiceManifest } from '../../nodes/web-service/manifest.js';
import { fitsSchema } from './host-validator.js';
import { issuesToErrorSchema, pointerToFieldId } from './issue-errors.js';
import { buildUiSchema, pointerMatches } from './ui-schema.js';

const at = (ui: Record<string, any>, ...keys: string[]) => keys.reduce((node, key) => node?.[key], ui);

describe('buildUiSchema', () => {
  const ws = webServiceManifest as unknown as AnyNodeTypeManifest;

  it('makes URL, header and query values template inputs and the JSON body a JSON editor', () => {
    const ui = buildUiSchema(ws, webServiceEditor, { ...ws.defaults, body: { type: 'json', json: {} } });
    expect(at(ui, 'url', 'ui:widget')).toBe('template');
    expect(at(ui, 'headers', 'items', 'value', 'ui:widget')).toBe('template');
    expect(at(ui, 'query', 'items', 'value', 'ui:widget')).toBe('template');
    expect(at(ui, 'body', 'json', 'ui:field')).toBe('json');
    expect(at(ui, 'headers', 'items', 'ui:options', 'layout')).toBe('row');
    // Editor hints become help lines; the URL's is left to the schema's description (it said
    // the same, and showed twice).
    expect(at(ui, 'mapping', 'items', 'path', 'ui:help')).toMatch(/JSONPath/);
    expect(at(ui, 'url', 'ui:help')).toBeUndefined();
    expect((ws.configSchema as any).properties.url.description).toMatch(/URL-encoded/);
  });

  it('lays a list item on one line only when its fields are plain: a Switch output with rules gets the full width', () => {
    const sw = switchManifest as unknown as AnyNodeTypeManifest;
    const ui = buildUiSchema(sw, switchEditor, sw.defaults);
    expect(at(ui, 'outputs', 'items', 'ui:options', 'layout')).toBeUndefined();
    expect(at(ui, 'outputs', 'items', 'rules', 'items', 'ui:options', 'layout')).toBe('row');
  });

  it('hides body variants other than the chosen type', () => {
    const ui = buildUiSchema(ws, webServiceEditor, { ...ws.defaults, body: { type: 'json', json: {} } });
    expect(at(ui, 'body', 'json', 'ui:widget')).toBeUndefined();
    expect(at(ui, 'body', 'form', 'ui:widget')).toBe('hidden');
    expect(at(ui, 'body', 'text', 'ui:widget')).toBe('hidden');
  });

  it('keeps a multi-line hint multi-line when it becomes a template', () => {
    const ui = buildUiSchema(ws, webServiceEditor, { ...ws.defaults, body: { type: 'text', text: '' } });
    expect(at(ui, 'body', 'text', 'ui:widget')).toBe('template');
    expect(at(ui, 'body', 'text', 'ui:options', 'multiline')).toBe(true);
  });

  it('uses expression, code and password widgets from x-template modes, hints and x-secret; none fields stay plain', () => {
    const manifest = {
      type: 'x',
      configSchema: {
        type: 'object',
        properties: {
          left: { type: 'string', 'x-template': 'expression' },
          source: { type: 'string', 'x-template': 'none' },
          raw: { type: 'string', 'x-template': 'none' },
          token: { type: 'string', 'x-secret': true },
          mode: { type: 'string', enum: ['left', 'source'] },
        },
      },
    } as unknown as AnyNodeTypeManifest;
    const editor = { fields: [{ pointer: '/source', widget: 'code' }] } as unknown as NodeEditorInfo;
    const ui = buildUiSchema(manifest, editor, { mode: 'source' });
    expect(at(ui, 'left', 'ui:widget')).toBe('hidden');
    expect(at(ui, 'source', 'ui:field')).toBe('code');
    expect(at(ui, 'token', 'ui:widget')).toBe('password');
    expect(at(ui, 'raw', 'ui:widget')).toBeUndefined();
    // `mode` names its siblings: the one not chosen is hidden.
    const other = buildUiSchema(manifest, editor, { mode: 'left' });
    expect(at(other, 'left', 'ui:widget')).toBe('expression');
    expect(at(other, 'source', 'ui:widget')).toBe('hidden');
  });

  it('hides a field whose showWhen hint does not match its siblings', () => {
    const manifest = {
      type: 'x',
      configSchema: {
        type: 'object',
        properties: { provider: { type: 'string', enum: ['a', 'b'] }, table: { type: 'string' } },
      },
    } as unknown as AnyNodeTypeManifest;
    const editor = {
      uiSchema: { table: { 'ui:options': { showWhen: { provider: ['b'] } } } },
    } as unknown as NodeEditorInfo;
    expect(at(buildUiSchema(manifest, editor, { provider: 'a' }), 'table', 'ui:widget')).toBe('hidden');
    expect(at(buildUiSchema(manifest, editor, { provider: 'b' }), 'table', 'ui:widget')).toBeUndefined();
  });

  it('gives a value of any type with a template hint the template field', () => {
    const manifest = {
      type: 'x',
      configSchema: { type: 'object', properties: { value: { title: 'Value' } } },
    } as unknown as AnyNodeTypeManifest;
    const editor = { fields: [{ pointer: '/value', widget: 'template' }] } as unknown as NodeEditorInfo;
    expect(at(buildUiSchema(manifest, editor, {}), 'value', 'ui:field')).toBe('templateValue');
  });

  it('matches pointer patterns segment by segment', () => {
    expect(pointerMatches('/headers/*/value', '/headers/3/value')).toBe(true);
    expect(pointerMatches('/headers/*/value', '/headers/*/value')).toBe(true);
    expect(pointerMatches('/headers/*/value', '/headers/3/name')).toBe(false);
  });
});

describe('issue errors', () => {
  it('maps host issues of a node onto its fields, without the node prefix', () => {
    const errors = issuesToErrorSchema(
      [
        {
          severity: 'error',
          code: 'schema',
          message: "Web Service 'getDetails': URL is required",
          pointer: '/nodes/1/config/url',
          nodeId: 'a',
          field: '/url',
        },
        {
          severity: 'warning',
          code: 'x',
          message: "Web Service 'getDetails': header name looks odd",
          pointer: '/nodes/1/config/headers/0/name',
          nodeId: 'a',
          field: '/headers/0/name',
        },
        {
          severity: 'error',
          code: 'schema',
          message: 'other node',
          pointer: '/nodes/2/config/url',
          nodeId: 'b',
          field: '/url',
        },
      ],
      'a',
      'getDetails',
    );
    expect(errors).toEqual({
      url: { __errors: ['URL is required'] },
      headers: { 0: { name: { __errors: ['⚠ header name looks odd'] } } },
    });
  });

  it('turns pointers into @rjsf field ids', () => {
    expect(pointerToFieldId('/headers/0/value')).toBe('root_headers_0_value');
    expect(pointerToFieldId('')).toBe('root');
  });
});

describe('host validator isValid', () => {
  it('picks oneOf/if branches by type, const, enum and required', () => {
    const root = {};
    expect(fitsSchema({ properties: { type: { const: 'json' } }, required: ['type'] }, { type: 'json' }, root)).toBe(
      true,
    );
    expect(fitsSchema({ properties: { type: { const: 'json' } }, required: ['type'] }, { type: 'form' }, root)).toBe(
      false,
    );
    expect(fitsSchema({ type: 'integer' }, 1.5, root)).toBe(false);
    expect(fitsSchema({ type: 'number' }, 2, root)).toBe(true);
    expect(fitsSchema({ oneOf: [{ type: 'string' }, { type: 'number' }] }, 'a', root)).toBe(true);
    expect(fitsSchema({ $ref: '#/$defs/s' }, 1, { $defs: { s: { type: 'string' } } })).toBe(false);
    expect(fitsSchema({ if: { properties: { a: { const: 1 } } }, then: { required: ['b'] } }, { a: 1 }, root)).toBe(
      false,
    );
  });
});
