/**
 * docs/adding-a-node-type.md, followed in the designer: a node type registered from one folder
 * (the test-only Echo, test/support/node-types/echo/) appears in the palette with its own
 * title, description, icon and add button.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { withEditorTypes } from '../../nodes/registry.editor.js';
import { echoEditor } from '../../test/support/node-types/echo/editor.js';
import { echoManifest } from '../../test/support/node-types/echo/manifest.js';
import { Palette } from './Palette.js';

const nodeTypes = withEditorTypes([{ manifest: echoManifest, editor: echoEditor }]);

describe('palette with an added node type', () => {
  it('lists it beside the built-in types', () => {
    const en = renderToStaticMarkup(createElement(Palette, { nodeTypes }));
    expect(en).toContain('data-testid="palette-testEcho"');
    expect(en).toContain('<span class="fd-palette-name">Echo</span>');
    expect(en).toContain('Repeats a text (a test-only node type).');
    expect(en).toContain('Web Service'); // the built-in types are still there
    expect(renderToStaticMarkup(createElement(Palette))).not.toContain('Echo');
  });
});
