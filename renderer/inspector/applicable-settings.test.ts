import { describe, expect, it } from 'vitest';
import { ticketManifest } from '../../nodes/ticket/manifest.js';
import { webServiceManifest } from '../../nodes/web-service/manifest.js';
import { webhookTriggerManifest } from '../../nodes/webhook-trigger/manifest.js';
import { fitConfigToCase, resolvedSchema, unusedSettings } from './applicable-settings.js';

const schema = ticketManifest.configSchema;
const base = { ...structuredClone(ticketManifest.defaults) } as Record<string, unknown>;

describe("settings that apply, from the Ticket schema's conditionals", () => {
  it('ServiceNow + create: no ticket to update, no Zendesk requester or tags, no Salesforce API version', () => {
    const unused = unusedSettings(schema, { ...base, provider: 'servicenow', operation: 'create' });
    expect([...unused].sort()).toEqual(['apiVersion', 'recordId', 'requester', 'rest', 'tags']);
  });

  it('Zendesk + update: the ticket to update, tags and requester apply; ServiceNow and Salesforce settings do not', () => {
    const unused = unusedSettings(schema, { ...base, provider: 'zendesk', operation: 'update' });
    expect(unused.has('recordId')).toBe(false);
    expect(unused.has('tags')).toBe(false);
    expect([...unused].sort()).toEqual(['apiVersion', 'displayValue', 'rest', 'returnFields', 'table']);
  });

  it('the instance example follows the provider', () => {
    const example = (provider: string) =>
      ((resolvedSchema(schema, { ...base, provider }).properties as any).baseUrl.examples as string[])[0];
    expect(example('zendesk')).toBe('https://acme.zendesk.com');
    expect(example('servicenow')).toBe('https://acme.service-now.com');
    expect(example('salesforce')).toBe('https://acme.my.salesforce.com');
  });

  it('switching to ServiceNow drops empty Zendesk settings and fills the default table as a value', () => {
    const next = fitConfigToCase(schema, base, { ...base, provider: 'servicenow' });
    expect(next.tags).toBeUndefined();
    expect(next.table).toBe('sn_customerservice_case');
    expect(next.subject).toBe('');
  });

  it('switching on to Salesforce drops the untouched default table and fills the API version', () => {
    const servicenow = fitConfigToCase(schema, base, { ...base, provider: 'servicenow' });
    const salesforce = fitConfigToCase(schema, servicenow, { ...servicenow, provider: 'salesforce' });
    expect(salesforce.table).toBeUndefined();
    expect(salesforce.apiVersion).toBe('v60.0');
    const edited = { ...servicenow, table: 'incident' };
    expect(fitConfigToCase(schema, edited, { ...edited, provider: 'salesforce' }).table).toBe('incident');
  });

  it('a setting that holds something is kept even where it does not apply', () => {
    const next = fitConfigToCase(schema, base, { ...base, tags: ['csat_low'], provider: 'servicenow' });
    expect(next.tags).toEqual(['csat_low']);
  });

  it('another REST service: only the request applies, none of the vendor fields', () => {
    const unused = unusedSettings(schema, { ...base, provider: 'rest', operation: 'create' });
    for (const key of ['subject', 'description', 'comment', 'priority', 'fields', 'tags', 'requester', 'recordId'])
      expect(unused.has(key), key).toBe(true);
    expect(unused.has('rest')).toBe(false);
    expect(unused.has('baseUrl')).toBe(false);
  });

  it('Zendesk + add tags: the ticket and its tags, nothing else', () => {
    const unused = unusedSettings(schema, { ...base, provider: 'zendesk', operation: 'addTags' });
    for (const key of ['subject', 'description', 'comment', 'priority', 'requester', 'fields'])
      expect(unused.has(key), key).toBe(true);
    expect(unused.has('tags')).toBe(false);
    expect(unused.has('recordId')).toBe(false);
  });
});

describe('nested settings follow their own case, defaults as values', () => {
  const webhook = webhookTriggerManifest.configSchema;
  const hook = structuredClone(webhookTriggerManifest.defaults) as Record<string, unknown>;

  it("choosing an API token fills the token header's default; HMAC swaps it for the signature header", () => {
    const token = fitConfigToCase(webhook, hook, { ...hook, auth: { type: 'apiToken' } });
    expect(token.auth).toEqual({ type: 'apiToken', headerName: 'X-API-TOKEN' });
    const hmac = fitConfigToCase(webhook, token, { ...token, auth: { ...(token.auth as object), type: 'hmac' } });
    expect(hmac.auth).toEqual({
      type: 'hmac',
      signatureFormat: 'hex',
      algorithm: 'sha256',
      signedTimestamp: 'none',
      signatureHeader: 'X-Signature',
    });
    // A signed timestamp brings its header (as a value) and its replay window.
    const timed = fitConfigToCase(webhook, hmac, {
      ...hmac,
      auth: { ...(hmac.auth as object), signedTimestamp: 'after' },
    });
    expect(timed.auth).toMatchObject({ signedTimestamp: 'after', timestampHeader: 'X-Slack-Request-Timestamp' });
    // Slack fixes its own hash: the untouched default goes with the change.
    const slack = fitConfigToCase(webhook, hmac, {
      ...hmac,
      auth: { ...(hmac.auth as object), signatureFormat: 'slack' },
    });
    expect(slack.auth).not.toHaveProperty('algorithm');
    expect(slack.auth).not.toHaveProperty('signedTimestamp');
    // A header someone typed stays, even where it no longer applies.
    const typed = { ...token, auth: { type: 'apiToken', headerName: 'X-Qualtrics-Token' } };
    expect(fitConfigToCase(webhook, typed, { ...typed, auth: { ...typed.auth, type: 'none' } }).auth).toEqual({
      type: 'none',
      headerName: 'X-Qualtrics-Token',
    });
  });

  it('a sync answer starts with its timeout as a value; an async one has none', () => {
    const sync = fitConfigToCase(webhook, hook, { ...hook, response: { mode: 'sync' } });
    expect(sync.response).toEqual({ mode: 'sync', timeoutMs: 10000 });
    const async = fitConfigToCase(webhook, sync, { ...sync, response: { mode: 'async', timeoutMs: 10000 } });
    expect(async.response).toEqual({ mode: 'async' });
  });

  it("a Web Service's API key header and body follow the chosen types", () => {
    const ws = webServiceManifest.configSchema;
    const start = structuredClone(webServiceManifest.defaults) as Record<string, unknown>;
    const key = fitConfigToCase(ws, start, { ...start, auth: { type: 'apiKey' } });
    expect(key.auth).toEqual({ type: 'apiKey', headerName: 'X-API-Key' });
    const json = { ...key, body: { type: 'json', json: {} } };
    expect(fitConfigToCase(ws, json, { ...json, body: { type: 'form', json: {} } }).body).toEqual({ type: 'form' });
  });
});
