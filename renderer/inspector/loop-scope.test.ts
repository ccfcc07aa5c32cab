// @vitest-environment node
/**
 * What the designer offers inside an Apply to each: the body's nodes get `item.…` paths from an
 * example item (followed through the flow's samples), `index`, and no `steps.<loop>` (not
 * there yet); the loop's "Result per item" gets its body's steps too; the Code editor declares
 * `item` and `index`; "Pick from sample…" shows the item.
 */
import { describe, expect, it } from 'vitest';
import type { FlowFile, FlowNode } from '../../core/flow.js';
import { codeTypings } from '../editors/code-typings.js';
import { enclosingLoop, loopBodies } from '../state/loop-bodies.js';
import { availablePaths, bodyScopePaths } from './available-paths.js';
import { itemSample } from './item-sample.js';
import { bodyScopeSampleRoots, sampleRoots } from './sample-tree.js';

function node(id: string, type: string, name: string, config: Record<string, unknown> = {}): FlowNode {
  return { id, type, version: 1, name, config };
}

const details = {
  conversationId: 'c-1',
  participants: [
    { purpose: 'customer', participantName: 'John Doe' },
    { purpose: 'agent', userId: 'agent-7', sessions: [{ mediaType: 'chat' }] },
  ],
};

/** trigger → getConversation → eachAgent ⟨each: getAgent → note⟩ ⟨done: answer⟩ */
function loopFlow(items: string): FlowFile {
  return {
    $schema: 'x',
    schemaVersion: 1,
    id: 'f',
    name: 'f',
    nodes: [
      node('t', 'webhookTrigger', 'request'),
      node('d', 'webService', 'getConversation'),
      node('l', 'applyToEach', 'eachAgent', { items }),
      node('a', 'webService', 'getAgent'),
      node('n', 'code', 'note'),
      node('r', 'respondToWebhook', 'answer'),
    ],
    edges: [
      { from: 't', port: 'out', to: 'd' },
      { from: 'd', port: 'success', to: 'l' },
      { from: 'l', port: 'each', to: 'a' },
      { from: 'a', port: 'success', to: 'n' },
      { from: 'l', port: 'done', to: 'r' },
    ],
    tests: [
      {
        name: 'one',
        trigger: { body: {} },
        responses: {
          getConversation: [{ status: 200, body: details }],
          getAgent: [{ status: 200, body: { name: 'Ann', email: 'ann@example.com' } }],
        },
      },
    ],
  };
}

const AGENTS = '{{ steps.getConversation.body.participants[purpose = "agent"][] }}';

describe('loops in the designer', () => {
  it('knows which nodes a loop’s body holds', () => {
    const flow = loopFlow(AGENTS);
    expect(loopBodies(flow)).toEqual(new Map([['l', ['a', 'n']]]));
    expect(enclosingLoop(flow, 'n')?.name).toBe('eachAgent');
    expect(enclosingLoop(flow, 'r')).toBeUndefined();
    expect(enclosingLoop(flow, 'l')).toBeUndefined();
  });

  it('follows Items through the samples to an example item, filters and [] included', () => {
    const flow = loopFlow(AGENTS);
    const loop = flow.nodes[2]!;
    expect(itemSample(flow, loop, undefined)).toEqual(details.participants[1]);
    expect(
      itemSample(flow, { ...loop, config: { items: '{{ trigger.body.users }}' } }, { users: [{ id: 'u1' }] }),
    ).toEqual({ id: 'u1' });
    expect(
      itemSample(flow, { ...loop, config: { items: '{{ steps.getConversation.body.participants.sessions }}' } }, {}),
    ).toEqual({ mediaType: 'chat' });
    // More than a plain path: no example, the body still gets `item`.
    expect(
      itemSample(flow, { ...loop, config: { items: '{{ $filter(trigger.body.users, f) }}' } }, {}),
    ).toBeUndefined();
  });

  it('offers item.… and index in the body, and not the loop’s own output', () => {
    const flow = loopFlow(AGENTS);
    const item = itemSample(flow, flow.nodes[2]!, undefined);
    const inBody = availablePaths(flow, 'n', { itemSample: item }).map((p) => p.path);
    expect(inBody.slice(0, 6)).toEqual([
      'item',
      'item.purpose',
      'item.userId',
      'item.sessions',
      'item.sessions[0].mediaType',
      'index',
    ]);
    expect(inBody).toContain('steps.getAgent.body');
    expect(inBody.some((p) => p.startsWith('steps.eachAgent'))).toBe(false);

    const after = availablePaths(flow, 'r').map((p) => p.path);
    expect(after).toContain('steps.eachAgent.results');
    expect(after.some((p) => p === 'item' || p === 'index' || p.startsWith('steps.getAgent'))).toBe(false);
  });

  it('offers the body’s steps and the item in the loop’s “Result per item”, and only what runs before in Items', () => {
    const flow = loopFlow(AGENTS);
    const perItem = bodyScopePaths(flow, 'l', { itemSample: details.participants[1] }).map((p) => p.path);
    expect(perItem).toEqual(expect.arrayContaining(['item.userId', 'index', 'steps.getAgent.body', 'steps.note']));
    const items = availablePaths(flow, 'l').map((p) => p.path);
    expect(items).toContain('steps.getConversation.body');
    expect(items.some((p) => p === 'item' || p.startsWith('steps.getAgent'))).toBe(false);
  });

  it('declares item and index for a Code task in the body, and shows the item in “Pick from sample…”', () => {
    const flow = loopFlow(AGENTS);
    const typings = codeTypings(flow, 'n');
    expect(typings).toContain('declare const item: any;');
    expect(typings).toContain('declare const index: number;');
    expect(typings).not.toContain('eachAgent:');
    expect(codeTypings(flow, 'r')).not.toContain('declare const item');

    const item = details.participants[1];
    expect(sampleRoots(flow, flow.nodes[4]!, 'jsonata', undefined, item)[0]).toMatchObject({
      label: 'item',
      value: item,
    });
    expect(bodyScopeSampleRoots(flow, flow.nodes[2]!, undefined, item).map((r) => r.label)).toEqual([
      'item',
      'steps.getAgent.body',
      'steps.getConversation.body',
    ]);
  });
});
