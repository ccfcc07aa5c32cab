// The end-to-end suite's flow comparison must name every difference, or a UI that drops a
// field would pass unnoticed.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FlowFile } from '../core/flow.js';
import { compareFlowLogic, jsonDifferences } from './e2e/support/compare-flows.js';

const reference = JSON.parse(
  readFileSync(new URL('../flows/qualtrics-genesys-post-interaction.flow.json', import.meta.url), 'utf8'),
) as FlowFile;

function copy(): FlowFile {
  return structuredClone(reference);
}

describe('compareFlowLogic', () => {
  it('finds nothing between a flow and itself with other ids, key order and layout', () => {
    const built = copy();
    const ids = new Map(built.nodes.map((n, i) => [n.id, `x${i}`]));
    built.nodes = built.nodes.map((n) => ({
      ...n,
      id: ids.get(n.id)!,
      config: Object.fromEntries(Object.entries(n.config).reverse()),
    }));
    built.edges = built.edges.map((e) => ({ ...e, from: ids.get(e.from)!, to: ids.get(e.to)! }));
    built.layout = { nodes: {} };
    expect(compareFlowLogic(reference, built, { descriptions: true })).toEqual([]);
  });

  it('names the node and the pointer of each config difference', () => {
    const built = copy();
    const put = built.nodes.find((n) => n.name === 'updateSurveyResponse')!;
    (put.config as any).auth.headerName = 'X-Api-Token';
    (put.config as any).body.json.embeddedData.MediaType = '';
    delete (put.config as any).maxResponseBytes;
    const rule = built.nodes.find((n) => n.name === 'isDissatisfied')!;
    (rule.config as any).rules[0].right = '2';
    expect(compareFlowLogic(reference, built)).toEqual([
      'node updateSurveyResponse: config/auth/headerName: expected "X-API-TOKEN", got "X-Api-Token"',
      'node updateSurveyResponse: config/body/json/embeddedData/MediaType: expected "{{ steps.cleanConversation.mediaType }}", got ""',
      'node updateSurveyResponse: config/maxResponseBytes: expected 1048576, got (absent)',
      'node isDissatisfied: config/rules/0/right: expected 2, got "2"',
    ]);
  });

  it('reports missing nodes, edges, credentials, bindings and test cases', () => {
    const built = copy();
    built.nodes = built.nodes.filter((n) => n.name !== 'openTicket');
    built.edges = built.edges.filter((e) => e.to !== 'n-ticket');
    built.nodes.find((n) => n.name === 'getAgent')!.credentials = { auth: 'qualtrics-api' };
    built.credentials = { ...built.credentials };
    delete built.credentials.zendesk;
    built.credentials['genesys-cloud'] = { kind: 'oauth2', allowedOrigins: ['https://api.mypurecloud.com'] };
    built.tests = built.tests!.slice(1);
    const diff = compareFlowLogic(reference, built);
    expect(diff).toContain('node openTicket (ticket): missing from the built flow');
    expect(diff).toContain('edge isDissatisfied:true->openTicket: missing');
    expect(diff).toContain('node getAgent: credentials/auth: expected "genesys-cloud", got "qualtrics-api"');
    expect(diff).toContain('credential zendesk: not declared');
    expect(diff.some((d) => d.startsWith('credential genesys-cloud: allowedOrigins expected'))).toBe(true);
    expect(diff).toContain(`test "${reference.tests![0]!.name}": missing`);
  });

  it('jsonDifferences compares arrays by length first', () => {
    expect(jsonDifferences({ a: [1, 2] }, { a: [1] })).toEqual(['/a: expected 2 items [1,2], got 1 [1]']);
  });
});
