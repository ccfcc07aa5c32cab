// The store with the real node registry: names come from the real titles, ports from the real
// manifests, and a new node's config is the manifest's defaults.
import { describe, expect, it } from 'vitest';
import { NODE_MANIFESTS, manifestFor } from '../../nodes/registry.js';
import { createDesignerStore } from './flow-store.js';

describe('designer store with the real registry', () => {
  it('builds the start of the reference flow: trigger → condition → web service on true', () => {
    const store = createDesignerStore({ locale: 'en' });
    const s = () => store.getState();
    const trigger = s().addNode('webhookTrigger', { x: 0, y: 0 })!;
    const condition = s().addNode('condition', { x: 300, y: 0 })!;
    const ws = s().addNode('webService', { x: 600, y: 0 })!;
    const ws2 = s().addNode('webService', { x: 900, y: 0 })!;
    const names = s().flow.nodes.map((n) => n.name);
    expect(names[2]).toBe('webService');
    expect(names[3]).toBe('webService2');
    for (const n of s().flow.nodes) {
      expect(n.version).toBe(manifestFor(n.type)!.version);
      expect(n.config).toEqual(manifestFor(n.type)!.defaults);
    }
    expect(s().connect(trigger, manifestFor('webhookTrigger')!.ports[0]!, condition)).toEqual({ ok: true });
    expect(s().connect(condition, 'true', ws)).toEqual({ ok: true });
    expect(s().connect(ws, 'success', ws2)).toEqual({ ok: true });
    expect(s().connect(condition, 'maybe', ws2).ok).toBe(false);
    expect(s().connect(ws2, 'success', trigger).ok).toBe(false);
  });

  it('gives every registered type a camelCase name that the flow format accepts', () => {
    const store = createDesignerStore({ locale: 'en' });
    for (const m of NODE_MANIFESTS) store.getState().addNode(m.type, { x: 0, y: 0 });
    for (const n of store.getState().flow.nodes) expect(n.name).toMatch(/^[a-z][A-Za-z0-9]*$/);
  });
});
