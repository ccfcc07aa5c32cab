import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HostApi, ValidationResult } from '../../core/host-api.js';
import type { NodeTypeManifest } from '../../core/node-type.js';
import { createDesignerStore } from './flow-store.js';
import { startLiveValidation } from './live-validation.js';

vi.mock('../../nodes/registry.js', () => ({ manifestFor: () => undefined, NODE_MANIFESTS: [] }));

const code: NodeTypeManifest = {
  type: 'code',
  version: 1,
  category: 'logic',
  title: 'Code',
  configSchema: {},
  defaults: { source: '' },
  ports: ['success', 'error'],
  credentialSlots: [],
};

/** A host whose validateFlow answers when the test says so, recording the texts it was given. */
function fakeHost() {
  const texts: string[] = [];
  const pending: ((r: ValidationResult) => void)[] = [];
  const host = {
    validateFlow(text: string) {
      texts.push(text);
      return new Promise<ValidationResult>((resolve) => pending.push(resolve));
    },
  } as unknown as HostApi;
  return { host, texts, pending };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('live validation', () => {
  it('validates the settled flow once per burst of edits and stores the issues', async () => {
    vi.useFakeTimers();
    const store = createDesignerStore({ manifestFor: (t) => (t === 'code' ? code : undefined), locale: 'en' });
    const { host, texts, pending } = fakeHost();
    const stop = startLiveValidation(store, () => host, 200);
    await vi.advanceTimersByTimeAsync(200);
    expect(texts).toHaveLength(1); // the initial flow

    const id = store.getState().addNode('code', { x: 0, y: 0 })!;
    store.getState().updateNodeConfig(id, { source: 'a' });
    store.getState().updateNodeConfig(id, { source: 'ab' });
    await vi.advanceTimersByTimeAsync(199);
    expect(texts).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(texts).toHaveLength(2);
    expect(JSON.parse(texts[1]!).nodes[0].config.source).toBe('ab');

    const issue = { severity: 'error' as const, code: 'schema', message: 'x', pointer: '/nodes/0', nodeId: id };
    pending[1]!({ issues: [issue], migrated: [] });
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getState().issues).toEqual([issue]);
    stop();
  });

  it('drops an answer about a flow that has changed since', async () => {
    vi.useFakeTimers();
    const store = createDesignerStore({ manifestFor: (t) => (t === 'code' ? code : undefined), locale: 'en' });
    const { host, pending } = fakeHost();
    const stop = startLiveValidation(store, () => host, 200);
    await vi.advanceTimersByTimeAsync(200);
    store.getState().addNode('code', { x: 0, y: 0 });
    pending[0]!({ issues: [{ severity: 'error', code: 'stale', message: 'old', pointer: '' }], migrated: [] });
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getState().issues).toEqual([]);
    stop();
  });
});
