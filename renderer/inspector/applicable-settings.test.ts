import { describe, expect, it } from 'vitest';
import { ticketManifest } from '../../nodes/ticket/manifest.js';
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
});
