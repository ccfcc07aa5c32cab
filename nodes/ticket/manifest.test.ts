import { describe, expect, expectTypeOf, it } from 'vitest';
import { createAjv } from '../../core/schema/ajv.js';
import { fieldsWithoutTitles } from '../../test/support/schema-titles.js';
import { checkTicket, ticketAuthMismatch, ticketManifest, type TicketConfig } from './manifest.js';

const ajv = createAjv([ticketManifest.configSchema]);
const validate = ajv.compile(ticketManifest.configSchema);
const config = (over: Partial<TicketConfig>): TicketConfig => ({
  ...ticketManifest.defaults,
  baseUrl: 'https://acme.zendesk.com',
  comment: { body: 'note', public: false },
  ...over,
});

describe('ticket manifest', () => {
  it('has defaults that validate against the schema', () => {
    expect(validate(ticketManifest.defaults)).toBe(true);
    expect(ticketManifest).toMatchObject({
      type: 'ticket',
      version: 1,
      category: 'ticketing',
      ports: ['success', 'error'],
      errorPort: 'error',
    });
  });

  it('gives every schema field a title and a description', () => {
    expect(fieldsWithoutTitles(ticketManifest.configSchema)).toEqual([]);
  });

  it('requires only what the provider and operation need (JSON Schema if/then)', () => {
    // ServiceNow without a table is fine: the executor uses sn_customerservice_case.
    expect(validate(config({ provider: 'servicenow', baseUrl: 'https://acme.service-now.com' }))).toBe(true);
    expect(validate(config({ provider: 'salesforce' }))).toBe(true);
    // Update needs the ticket id; rest needs its request.
    expect(validate(config({ operation: 'update' }))).toBe(false);
    expect(validate(config({ operation: 'update', recordId: '{{ vars.id }}' }))).toBe(true);
    expect(validate(config({ provider: 'rest' }))).toBe(false);
    expect(validate(config({ provider: 'rest', rest: { method: 'POST', url: '/t', idPath: '$.id' } }))).toBe(true);
    // Adding tags is Zendesk's.
    expect(validate(config({ operation: 'addTags', recordId: '1', tags: ['a'] }))).toBe(true);
    expect(validate(config({ provider: 'servicenow', operation: 'addTags', recordId: '1' }))).toBe(false);
    expect(validate(config({ provider: 'servicenow', table: 'Bad Table' }))).toBe(false);
    expect(validate(config({ provider: 'salesforce', apiVersion: '60' }))).toBe(false);
  });

  it('narrows credential kinds by provider and explains a mismatch', () => {
    const slot = ticketManifest.credentialSlots[0]!;
    expect(slot.kindsFor!({ provider: 'zendesk' })).toEqual(['zendeskApiToken', 'bearer']);
    expect(slot.kindsFor!({ provider: 'servicenow' })).toEqual(['basic', 'oauth2']);
    expect(slot.kindsFor!({ provider: 'salesforce' })).toEqual(['oauth2', 'bearer', 'salesforceJwt']);
    const required = slot.required as (c: Record<string, unknown>) => boolean;
    expect(required({ provider: 'zendesk' })).toBe(true);
    expect(required({ provider: 'rest' })).toBe(false);
    expect(ticketAuthMismatch('servicenow', 'zendeskApiToken')).toEqual(['basic', 'oauth2']);
    expect(ticketAuthMismatch('salesforce', 'oauth2')).toBeUndefined();
  });

  it('reports, in plain words, what would surprise an admin', () => {
    expect(checkTicket(config({}))).toEqual([]);
    expect(checkTicket(config({ baseUrl: '' }))).toMatchObject([
      {
        pointer: '/baseUrl',
        code: 'ticket.base-url-required',
        message: 'instance address is required (e.g. https://acme.zendesk.com)',
      },
    ]);
    expect(checkTicket(config({ baseUrl: 'acme.zendesk.com' }))[0]!.pointer).toBe('/baseUrl');
    expect(checkTicket(config({ comment: { body: '', public: false }, description: '' }))).toMatchObject([
      {
        pointer: '/comment/body',
        message: 'Zendesk needs a first comment to create a ticket: fill in the comment or the description',
      },
    ]);
    expect(checkTicket(config({ operation: 'update', recordId: ' ' }))).toMatchObject([
      { pointer: '/recordId', message: 'the ticket to update is required (its id, usually a {{ }} template)' },
    ]);
    expect(checkTicket(config({ operation: 'addTags', recordId: '1', tags: [] }))).toMatchObject([
      { pointer: '/tags', code: 'ticket.tags-required', message: 'add at least one tag to add' },
    ]);
    expect(
      checkTicket(
        config({
          provider: 'servicenow',
          baseUrl: 'https://acme.service-now.com',
          tags: ['x'],
          requester: { email: 'a@b' },
        }),
      ),
    ).toMatchObject([
      { pointer: '/tags', message: 'ServiceNow has no tags here; use a field instead' },
      {
        pointer: '/requester',
        message: 'the requester is used by Zendesk only; for ServiceNow put the contact sys_id in a "contact" field',
      },
    ]);
    expect(
      checkTicket(
        config({
          fields: [
            { name: 'u_a', value: 1 },
            { name: 'u_a', value: 2 },
          ],
        }),
      ),
    ).toMatchObject([{ pointer: '/fields/1/name', message: 'field "u_a" is set twice (rows 1 and 2)' }]);
    expect(
      checkTicket(
        config({
          provider: 'rest',
          baseUrl: '',
          rest: { method: 'POST', url: 'https://t.example.com/x', idPath: '$.id[' },
        }),
      ),
    ).toMatchObject([
      {
        pointer: '/rest/idPath',
        code: 'check.json-path',
        message: expect.stringContaining('JSONPath "$.id[" is not valid'),
      },
    ]);
  });
});

describe('TicketConfig', () => {
  it('is derived from the schema (checked by the type-checker)', () => {
    expectTypeOf<TicketConfig['provider']>().toEqualTypeOf<'zendesk' | 'servicenow' | 'salesforce' | 'rest'>();
    expectTypeOf<TicketConfig['table']>().toEqualTypeOf<string | undefined>();
  });
});
