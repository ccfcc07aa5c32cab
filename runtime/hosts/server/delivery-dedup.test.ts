import { describe, expect, it } from 'vitest';
import type { WebhookTriggerConfig } from '../../../nodes/webhook-trigger/manifest.js';
import { deliveryKey, MemoryDedup } from './delivery-dedup.js';

const config = (deduplicate?: WebhookTriggerConfig['deduplicate']) =>
  ({ auth: { type: 'none' }, fields: [], ...(deduplicate ? { deduplicate } : {}) }) as WebhookTriggerConfig;

describe('delivery keys', () => {
  it('come from the named header when the sender set it, else from the body, per flow', () => {
    const body = Buffer.from('{"a":1}');
    const withHeader = config({ header: 'X-GitHub-Delivery' });
    const a = deliveryKey('f', withHeader, { 'x-github-delivery': 'd-1' }, body)!;
    expect(deliveryKey('f', withHeader, { 'x-github-delivery': 'd-1' }, Buffer.from('{}'))!.key).toBe(a.key);
    expect(deliveryKey('f', withHeader, { 'x-github-delivery': 'd-2' }, body)!.key).not.toBe(a.key);
    expect(deliveryKey('g', withHeader, { 'x-github-delivery': 'd-1' }, body)!.key).not.toBe(a.key);
    // No header sent: the body decides.
    const noHeader = deliveryKey('f', withHeader, {}, body)!;
    expect(deliveryKey('f', config({}), {}, body)!.key).toBe(noHeader.key);
    expect(deliveryKey('f', config({}), {}, Buffer.from('{"a":2}'))!.key).not.toBe(noHeader.key);
    expect(noHeader.windowSeconds).toBe(86_400);
    expect(deliveryKey('f', config(), {}, body)).toBeUndefined();
  });

  it('are claimed once per window in a single server, and a released claim can be taken again', async () => {
    const dedup = new MemoryDedup();
    expect(await dedup.claim('k', 'e1', 60)).toBeUndefined();
    expect(await dedup.claim('k', 'e2', 60)).toBe('e1');
    await dedup.release('k', 'e2'); // not its claim
    expect(await dedup.claim('k', 'e3', 60)).toBe('e1');
    await dedup.release('k', 'e1');
    expect(await dedup.claim('k', 'e4', 60)).toBeUndefined();
  });
});
