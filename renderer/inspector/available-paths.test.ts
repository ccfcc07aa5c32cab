// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { FlowFile, FlowNode } from '../../core/flow.js';
import { availablePaths, filterPaths, pathStep, upstreamNodeIds } from './available-paths.js';
import { applyCompletion, completionContext, templateValueOf } from './template-completion.js';

function node(id: string, type: string, name: string, config: Record<string, unknown> = {}): FlowNode {
  return { id, type, version: 1, name, config };
}

/** trigger → check → (true) getDetails → clean → putResponse; (false) → ticket */
function sampleFlow(): FlowFile {
  return {
    $schema: 'x',
    schemaVersion: 1,
    id: 'f',
    name: 'f',
    nodes: [
      node('t', 'webhookTrigger', 'survey', {
        inputSchema: {
          type: 'object',
          properties: {
            ResponseID: { type: 'string' },
            'Course Name': { type: 'string' },
            agent: { type: 'object', properties: { id: { type: 'string' } } },
          },
        },
        fields: [{ name: 'ResponseID', path: '$.ResponseID' }],
      }),
      node('c', 'condition', 'check'),
      node('w', 'webService', 'getDetails', {
        mapping: [
          { path: '$.conversationId', field: 'conversationId' },
          { path: 'participants', field: 'participants' },
        ],
      }),
      node('k', 'code', 'clean'),
      node('p', 'webService', 'putResponse', { mapping: [{ path: 'x', field: 'late' }] }),
      node('z', 'ticket', 'openTicket'),
    ],
    edges: [
      { from: 't', port: 'out', to: 'c' },
      { from: 'c', port: 'true', to: 'w' },
      { from: 'w', port: 'success', to: 'k' },
      { from: 'k', port: 'success', to: 'p' },
      { from: 'c', port: 'false', to: 'z' },
    ],
    tests: [
      {
        name: 'happy',
        trigger: { body: {} },
        responses: {
          getDetails: [{ status: 200, body: { conversationId: 'abc', participants: [{ purpose: 'agent' }] } }],
        },
      },
    ],
  };
}

describe('upstreamNodeIds', () => {
  it('walks edges backwards, nearest first, without the node itself', () => {
    expect(upstreamNodeIds(sampleFlow(), 'p')).toEqual(['k', 'w', 'c', 't']);
    expect(upstreamNodeIds(sampleFlow(), 't')).toEqual([]);
  });

  it('does not offer a sibling branch', () => {
    expect(upstreamNodeIds(sampleFlow(), 'z')).toEqual(['c', 't']);
  });
});

describe('availablePaths', () => {
  it('offers trigger body paths from the input schema, quoting names that are not identifiers', () => {
    const paths = availablePaths(sampleFlow(), 'c').map((p) => p.path);
    expect(paths).toContain('trigger.body.ResponseID');
    expect(paths).toContain('trigger.body.`Course Name`');
    expect(paths).toContain('trigger.body.agent.id');
    expect(paths).toContain('trigger.headers');
  });

  it('offers the flow parameters everywhere, with a default as the sample but never a secret', () => {
    const flow: FlowFile = {
      ...sampleFlow(),
      params: {
        region: { type: 'string', default: 'mypurecloud.jp' },
        sourceKey: { type: 'string', secret: true },
      },
    };
    const params = availablePaths(flow, 't').filter((p) => p.kind === 'param');
    expect(params).toEqual([
      { path: 'params.region', kind: 'param', detail: 'string', sample: '"mypurecloud.jp"' },
      { path: 'params.sourceKey', kind: 'param', detail: 'string' },
    ]);
  });

  it('adds paths found in the sample payload', () => {
    const paths = availablePaths(sampleFlow(), 'c', { triggerSample: { CSAT: 1, items: [{ sku: 'a' }] } }).map(
      (p) => p.path,
    );
    expect(paths).toContain('trigger.body.CSAT');
    expect(paths).toContain('trigger.body.items[0].sku');
  });

  it('offers only upstream steps, with their typed outputs', () => {
    const paths = availablePaths(sampleFlow(), 'p').map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'steps.check.result',
        'steps.getDetails.status',
        'steps.getDetails.body.conversationId',
        'steps.getDetails.body.participants[0].purpose',
        'steps.getDetails.fields.participants',
        'steps.clean',
        'vars.conversationId',
        'vars.ResponseID',
      ]),
    );
    expect(paths).not.toContain('steps.putResponse');
    expect(paths).not.toContain('vars.late');
    expect(paths).not.toContain('steps.openTicket.id');
  });

  it('names ticket outputs for nodes after a ticket', () => {
    const flow = sampleFlow();
    flow.edges.push({ from: 'z', port: 'success', to: 'p' });
    const paths = availablePaths(flow, 'p').map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining(['steps.openTicket.id', 'steps.openTicket.number', 'steps.openTicket.url']),
    );
  });

  it('lists steps in run order', () => {
    const steps = availablePaths(sampleFlow(), 'p')
      .filter((p) => p.kind === 'step' && p.path.split('.').length === 2)
      .map((p) => p.path);
    expect(steps).toEqual(['steps.survey', 'steps.check', 'steps.getDetails', 'steps.clean']);
  });
});

describe('filterPaths', () => {
  it('puts prefix matches before matches inside the path', () => {
    const options = availablePaths(sampleFlow(), 'p');
    const found = filterPaths(options, 'status').map((p) => p.path);
    expect(found).toEqual(['steps.getDetails.status']);
    const prefixed = filterPaths(options, 'vars.').map((p) => p.path);
    expect(prefixed).toEqual(['vars.ResponseID', 'vars.conversationId', 'vars.participants']);
  });
});

describe('pathStep', () => {
  it('leaves identifiers alone and backticks the rest', () => {
    expect(pathStep('agentId')).toBe('agentId');
    expect(pathStep('Post-Survey ID')).toBe('`Post-Survey ID`');
  });
});

describe('template completion', () => {
  it('opens inside {{ and not outside', () => {
    expect(completionContext('abc', 3, 'template')).toBeNull();
    expect(completionContext('x {{ trig', 9, 'template')).toEqual({ start: 5, query: 'trig' });
    expect(completionContext('{{ a }} b', 9, 'template')).toBeNull();
    expect(completionContext('{{', 2, 'template')).toEqual({ start: 2, query: '' });
  });

  it('completes anywhere in an expression field', () => {
    expect(completionContext('steps.ge', 8, 'expression')).toEqual({ start: 0, query: 'steps.ge' });
  });

  it('inserts a complete {{ path }} and puts the caret after it', () => {
    const text = 'https://x/{{';
    const context = completionContext(text, text.length, 'template')!;
    const result = applyCompletion(text, text.length, context, 'vars.id', 'template');
    expect(result.text).toBe('https://x/{{ vars.id }}');
    expect(result.caret).toBe(result.text.length);
  });

  it('replaces the typed path and keeps an existing closing brace', () => {
    const text = 'a/{{ trig }}/b';
    const context = completionContext(text, 9, 'template')!;
    const result = applyCompletion(text, 9, context, 'trigger.body.id', 'template');
    expect(result.text).toBe('a/{{ trigger.body.id }}/b');
  });
});

describe('templateValueOf', () => {
  it('keeps JSON values typed and everything else as text', () => {
    expect(templateValueOf('5')).toBe(5);
    expect(templateValueOf('true')).toBe(true);
    expect(templateValueOf('{"a":1}')).toEqual({ a: 1 });
    expect(templateValueOf('{{ vars.x }}')).toBe('{{ vars.x }}');
    expect(templateValueOf('"quoted"')).toBe('"quoted"');
    expect(templateValueOf('')).toBeUndefined();
  });
});
