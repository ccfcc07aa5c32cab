import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFlow } from '../../../core/canonical.js';
import { formatMessage } from '../../../core/messages/format.js';
import { loadFlowText } from '../../../core/validate/load-flow.js';
import { NODE_MANIFESTS } from '../../registry.js';
import { importDataAction } from './genesys-data-action.js';
import { flowFromImport } from './flow-from-import.js';
import type { WebServiceImport } from './import-result.js';

const payload = (name: string): unknown =>
  JSON.parse(readFileSync(join(import.meta.dirname, '../../../flows/payloads', name), 'utf8'));

function imported(value: unknown): WebServiceImport {
  const outcome = importDataAction(value);
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.result;
}

/** A data action with only what a test sets, the rest as an export has it. */
function action(
  request: Record<string, unknown>,
  response: Record<string, unknown> = {},
  integrationType = 'custom-rest-actions',
) {
  return {
    name: 'Test action',
    integrationType,
    actionType: 'custom',
    config: {
      request: { requestType: 'POST', headers: {}, requestTemplate: '${input.rawRequest}', ...request },
      response: { translationMap: {}, translationMapDefaults: {}, successTemplate: '${rawResult}', ...response },
    },
    contract: { input: { inputSchema: { type: 'object', properties: {} } }, output: { successSchema: {} } },
  };
}

const codes = (r: WebServiceImport) => r.notes.map((n) => n.code);

/** The flow `flowdesk import` writes, through the real validator: errors only (warnings allowed). */
function validationErrors(result: WebServiceImport): string[] {
  const loaded = loadFlowText(writeFlow(flowFromImport(result)), NODE_MANIFESTS);
  return loaded.issues.filter((i) => i.severity === 'error').map((i) => i.message);
}

describe('importDataAction: real exports', () => {
  it('Genesys "Get interaction state": GET on the Genesys API, translation map with its default, contract as input schema', () => {
    const r = imported(payload('genesys-data-action-get-interaction-state.json'));
    expect(r.title).toBe('Get interaction state');
    expect(r.config.method).toBe('GET');
    expect(r.config.url).toBe('https://api.mypurecloud.com/api/v2/conversations/{{ trigger.body.conversationId }}');
    expect(r.config.body).toEqual({ type: 'none' });
    expect(r.config.auth).toEqual({ type: 'oauth2' });
    expect(r.config.mapping).toEqual([
      { path: '$.participants[0].callbacks[0].state', field: 'state', default: 'disconnected' },
    ]);
    expect(r.credential).toEqual({
      name: 'genesys-cloud',
      kind: 'oauth2',
      allowedOrigins: ['https://api.mypurecloud.com', 'https://login.mypurecloud.com'],
      values: {},
    });
    expect(r.inputSchema).toEqual({
      type: 'object',
      properties: { conversationId: { type: 'string' } },
      additionalProperties: true,
    });
    // `{"state": ${state}}` only rebuilds the mapped field: nothing to say about it.
    expect(codes(r)).toEqual(['import.base-url', 'import.credential-to-create']);
    expect(validationErrors(r)).toEqual([]);
  });

  it('HubSpot (Web Services): the literal Bearer header becomes a credential, never a header; JSON body with templates', () => {
    const r = imported(payload('genesys-data-action-hubspot-create-ticket.json'));
    expect(r.config.url).toBe('https://api.hubapi.com/crm/v3/objects/tickets');
    expect(r.config.headers).toEqual([]);
    expect(r.config.auth).toEqual({ type: 'bearer' });
    expect(r.credential).toMatchObject({
      name: 'api-hubapi-com',
      kind: 'bearer',
      allowedOrigins: ['https://api.hubapi.com'],
    });
    expect(r.config.body).toEqual({
      type: 'json',
      json: {
        properties: {
          hs_pipeline: '{{ trigger.body.hs_pipeline }}',
          hs_pipeline_stage: '{{ trigger.body.hs_pipeline_stage }}',
          hs_ticket_priority: '{{ trigger.body.hs_ticket_priority }}',
          subject: '{{ trigger.body.subject }}',
        },
      },
    });
    const flowText = writeFlow(flowFromImport(r));
    expect(flowText).not.toContain('123-abc-12345678');
    expect(JSON.stringify(r.notes)).not.toContain('123-abc-12345678');
    expect(codes(r)).toEqual(['import.secret-extracted', 'import.credential-to-create']);
    expect(formatMessage(r.notes[0]!, 'en')).toBe(
      "The secret in a header Authorization was not written into the flow: the node uses the credential 'api-hubapi-com' instead.",
    );
    expect(validationErrors(r)).toEqual([]);
  });

  it('Salesforce data dip (REST, relative URL): mapped onto the instance with an OAuth credential', () => {
    const r = imported(payload('genesys-dataaction-salesforce-create-case.json'));
    expect(r.config.method).toBe('POST');
    expect(r.config.url).toBe('https://example.my.salesforce.com/services/data/v55.0/sobjects/Case/');
    expect(r.config.body).toEqual({
      type: 'json',
      json: {
        ContactId: '{{ trigger.body.contactId }}',
        Subject: '{{ trigger.body.subject }}',
        Description: '{{ trigger.body.description }}',
        Origin: 'Alexa',
      },
    });
    expect(r.credential).toMatchObject({ name: 'salesforce', kind: 'oauth2' });
    expect(r.inputSchema).not.toHaveProperty('$schema');
    expect(r.inputSchema).toMatchObject({ required: ['description', 'subject', 'contactId'] });
    expect(validationErrors(r)).toEqual([]);
  });
});

describe('importDataAction: each construct', () => {
  it('marks #if/#foreach in the body, lists each, and sends the body as text when it is no longer JSON', () => {
    const r = imported(
      action({
        requestUrlTemplate: 'https://api.example.com/items',
        headers: { 'Content-Type': 'application/json' },
        requestTemplate: '{"a": "$esc.jsonString(${input.a})"#if($input.b), "b": "$input.b"#end}',
      }),
    );
    expect(r.config.body).toEqual({ type: 'text', text: '{"a": "{{ trigger.body.a }}"[[NOT CONVERTED 1]]}' });
    expect(r.config.headers).toEqual([{ name: 'Content-Type', value: 'application/json' }]);
    expect(r.notes.map((n) => formatMessage(n, 'en'))).toEqual([
      'Not converted 1 in the body: the Velocity "#if($input.b), "b": "$input.b"#end" has no Flowdesk equivalent; it is marked [[NOT CONVERTED 1]]. Rewrite it as a {{ }} template, or compute the value in a Code node before this one.',
      'The request template is not JSON once converted, so it is sent as text with the Content-Type header of the action.',
    ]);
  });

  it('keeps JSON when a placeholder sits inside a string, and numbers placeholders across URL, headers and body', () => {
    const r = imported(
      action({
        requestUrlTemplate: 'https://api.example.com/x/$math.add(1, 2)',
        headers: { 'X-Trace': '#set($t = 1)$t' },
        requestTemplate: '{"a": "#if($input.a)yes#{else}no#end", "n": ${input.count}}',
      }),
    );
    expect(r.config.url).toBe('https://api.example.com/x/[[NOT CONVERTED 1]]');
    expect(r.config.headers).toEqual([{ name: 'X-Trace', value: '[[NOT CONVERTED 2]][[NOT CONVERTED 3]]' }]);
    expect(r.config.body).toEqual({ type: 'json', json: { a: '[[NOT CONVERTED 4]]', n: '{{ trigger.body.count }}' } });
    expect(r.notes.filter((n) => n.code === 'import.velocity-placeholder').map((n) => n.params?.place)).toEqual([
      'url',
      'header',
      'header',
      'body',
    ]);
  });

  it('sends ${input.rawRequest} on a POST as the whole trigger body', () => {
    const r = imported(action({ requestUrlTemplate: 'https://api.example.com/x' }));
    expect(r.config.body).toEqual({ type: 'json', json: '{{ trigger.body }}' });
  });

  it('turns a form-encoded template into form fields', () => {
    const r = imported(
      action({
        requestUrlTemplate: 'https://api.example.com/token',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        requestTemplate: 'grant_type=client_credentials&user=$esc.url(${input.user})',
      }),
    );
    expect(r.config.body).toEqual({
      type: 'form',
      form: [
        { name: 'grant_type', value: 'client_credentials' },
        { name: 'user', value: '{{ $encodeUrlComponent(trigger.body.user) }}' },
      ],
    });
  });

  it('makes ${credentials.x} in a header the node credential, with no value found', () => {
    const r = imported(
      action({
        requestUrlTemplate: 'https://iad1.qualtrics.com/API/v3/x',
        headers: { 'X-API-TOKEN': '${credentials.apiToken}' },
      }),
    );
    expect(r.config.auth).toEqual({ type: 'apiKey', headerName: 'X-API-TOKEN' });
    expect(r.config.headers).toEqual([]);
    expect(r.credential).toEqual({
      name: 'apitoken',
      kind: 'apiKey',
      allowedOrigins: ['https://iad1.qualtrics.com'],
      values: {},
    });
    expect(r.notes.at(-1)).toMatchObject({ code: 'import.credential-to-create', params: { valueFound: false } });
  });

  it('refuses to put ${credentials.x} into a URL and says so', () => {
    const r = imported(
      action({ requestUrlTemplate: 'https://iad1.qualtrics.com/inbound?urlTokenId=${credentials.urlTokenId}' }),
    );
    expect(r.config.url).toBe('https://iad1.qualtrics.com/inbound?urlTokenId=[[NOT CONVERTED credentials.urlTokenId]]');
    expect(codes(r)).toContain('import.credential-not-header');
  });

  it('marks ${credentials.x} in a body, and a second credential header, instead of leaving them half-converted', () => {
    const r = imported(
      action({
        requestUrlTemplate: 'https://proxy.example.com/complete',
        headers: { Authorization: 'Bearer ${credentials.proxyToken}', 'X-Other-Key': '${credentials.otherKey}' },
        requestTemplate:
          '{"prompt": "$esc.jsonString(${input.prompt})", "apiKey": "${credentials.upstreamKey}", "agent": #if($input.agentId) "$esc.jsonString(${input.agentId})" #else null #end}',
      }),
    );
    expect(r.config.auth).toEqual({ type: 'bearer' });
    expect(r.credential).toMatchObject({ name: 'proxytoken', kind: 'bearer', values: {} });
    expect(r.config.headers).toEqual([
      { name: 'X-Other-Key', value: '[[NOT CONVERTED credentials.otherKey]]' },
      { name: 'Content-Type', value: 'application/json' },
    ]);
    expect(r.config.body).toEqual({
      type: 'text',
      text: '{"prompt": "{{ trigger.body.prompt }}", "apiKey": "[[NOT CONVERTED credentials.upstreamKey]]", "agent": [[NOT CONVERTED 1]]}',
    });
    expect(JSON.stringify(r)).not.toContain('\\u0000');
    expect(r.notes.filter((n) => n.code === 'import.credential-not-header').map((n) => n.params?.place)).toEqual([
      'header',
      'body',
    ]);
  });

  it('maps defaults written as JSON literals, renames unusable field names, reports a bad path and a reshaping success template', () => {
    const r = imported(
      action(
        { requestUrlTemplate: 'https://api.example.com/x', requestType: 'GET' },
        {
          translationMap: { 'agent-id': "$.participants[?(@.purpose=='agent')].userId", name: '$.name', bad: '$[' },
          translationMapDefaults: { name: '""', 'agent-id': '[]' },
          successTemplate: '{"agent": $successTemplateUtils.firstFromArray("${agent-id}")}',
        },
      ),
    );
    expect(r.config.mapping).toEqual([
      { path: "$.participants[?(@.purpose=='agent')].userId", field: 'agent_id', default: [] },
      { path: '$.name', field: 'name', default: '' },
      { path: '$[', field: 'bad' },
    ]);
    expect(codes(r)).toEqual(['import.field-renamed', 'import.bad-jsonpath', 'import.success-template']);
  });

  it('words every note in Japanese too', () => {
    const r = imported(payload('genesys-data-action-hubspot-create-ticket.json'));
    for (const note of r.notes) expect(formatMessage(note, 'ja')).toMatch(/[ぁ-んァ-ン一-龯]/);
  });
});

describe('importDataAction: refusals', () => {
  it.each([
    [{ foo: 1 }, 'import.not-data-action'],
    [action({ requestUrlTemplate: 'x' }, {}, 'aws-lambda-data-actions'), 'import.integration-type'],
    [action({ requestUrlTemplate: 'x' }, {}, 'some-other-integration'), 'import.integration-type'],
    [{ ...action({ requestUrlTemplate: 'x' }), actionType: 'static' }, 'import.integration-type'],
    [action({ requestUrlTemplate: 'https://x.example', requestType: 'HEAD' }), 'import.bad-method'],
    [action({ requestUrlTemplate: '' }), 'import.no-url'],
    [action({ requestUrlTemplate: '/api/v2/x' }), 'import.relative-url'],
  ])('%# refuses with %s', (value, code) => {
    const outcome = importDataAction(value);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.code).toBe(code);
  });

  it('says a Lambda action invokes a function, not a request', () => {
    const outcome = importDataAction(action({ requestUrlTemplate: 'x' }, {}, 'aws-lambda-data-actions'));
    expect(outcome.ok || formatMessage(outcome.error)).toMatch(
      /AWS Lambda function rather than sending an HTTP request/,
    );
  });
});
