import { describe, expect, it } from 'vitest';
import type { FlowFile } from '../../core/flow.js';
import { labelNodeInFlow } from './flow-ops.js';

function flow(): FlowFile {
  return {
    $schema: 'https://flowdesk.dev/schema/flow-v1.json',
    schemaVersion: 1,
    id: 'f',
    name: 'F',
    nodes: [
      { id: 'a', type: 'webhookTrigger', version: 1, name: 'webhook', config: {} },
      {
        id: 'b',
        type: 'webService',
        version: 1,
        name: 'webService2',
        config: { url: 'https://x/{{ steps.webhook.id }}' },
      },
      { id: 'c', type: 'ticket', version: 1, name: 'ticket', config: { subject: '{{ steps.webService2.body.x }}' } },
    ],
    edges: [],
  };
}

describe('node labels', () => {
  it('the first label names a freshly dropped node and rewrites references', () => {
    const next = labelNodeInFlow(flow(), 'b', 'Look up contact', 'Web Service');
    const node = next.nodes[1]!;
    expect(node.label).toBe('Look up contact');
    expect(node.name).toBe('lookUpContact');
    expect(next.nodes[2]!.config.subject).toBe('{{ steps.lookUpContact.body.x }}');
    // Canonical order: label between name and config.
    expect(Object.keys(node)).toEqual(['id', 'type', 'version', 'name', 'label', 'config']);
  });

  it('a later label change leaves the name alone', () => {
    const once = labelNodeInFlow(flow(), 'b', 'Look up contact', 'Web Service');
    const twice = labelNodeInFlow(once, 'b', 'Find the caller', 'Web Service');
    expect(twice.nodes[1]!.label).toBe('Find the caller');
    expect(twice.nodes[1]!.name).toBe('lookUpContact');
  });

  it('a label in Japanese keeps the name; a renamed node keeps its name', () => {
    const ja = labelNodeInFlow(flow(), 'a', '通話開始', 'Webhook');
    expect(ja.nodes[0]!).toMatchObject({ label: '通話開始', name: 'webhook' });
    const renamed = flow();
    renamed.nodes[2]!.name = 'openCase';
    expect(labelNodeInFlow(renamed, 'c', 'Open a case', 'Ticket').nodes[2]!.name).toBe('openCase');
  });

  it('a derived name never takes one already used', () => {
    const f = flow();
    f.nodes[2]!.name = 'callStarted';
    expect(labelNodeInFlow(f, 'a', 'Call started', 'Webhook').nodes[0]!.name).toBe('callStarted2');
  });
});
