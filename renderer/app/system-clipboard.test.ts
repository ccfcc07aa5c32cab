import { describe, expect, it } from 'vitest';
import type { NodeTypeManifest } from '../../core/node-type.js';
import { parseClipboard, serializeClipboard } from './system-clipboard.js';

const known = (t: string) => (t === 'code' ? ({ type: 'code' } as NodeTypeManifest) : undefined);
const node = (id: string, type = 'code') => ({ id, type, version: 1, name: id, config: { source: '' } });

describe('system clipboard text', () => {
  it('round-trips copied nodes with their edges and positions', () => {
    const content = {
      nodes: [node('a'), node('b')],
      edges: [{ from: 'a', port: 'success', to: 'b' }],
      positions: { a: { x: 1, y: 2 }, b: { x: 3, y: 4 } },
    };
    expect(parseClipboard(serializeClipboard(content), known)).toEqual(content);
  });

  it('ignores text that is not Flowdesk nodes, and drops what does not fit', () => {
    expect(parseClipboard('hello', known)).toBeUndefined();
    expect(parseClipboard('{"nodes":[]}', known)).toBeUndefined();
    expect(
      parseClipboard(serializeClipboard({ nodes: [node('x', 'evil')], edges: [], positions: {} }), known),
    ).toBeUndefined();
    const text = JSON.stringify({
      format: 'flowdesk/nodes@1',
      nodes: [node('a'), node('z', 'unknownType'), { id: 'b', type: 'code' }],
      edges: [{ from: 'a', port: 'success', to: 'z' }, 'junk'],
      positions: { a: { x: 'far', y: 0 }, z: { x: 1, y: 1 } },
    });
    expect(parseClipboard(text, known)).toEqual({ nodes: [node('a')], edges: [], positions: {} });
  });
});
