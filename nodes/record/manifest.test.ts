import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../core/messages/format.js';
import { createAjv } from '../../core/schema/ajv.js';
import { unusedSettings } from '../../renderer/inspector/applicable-settings.js';
import { fieldsWithoutTitles } from '../../test/support/schema-titles.js';
import { checkRecord, recordManifest, recordPorts, type RecordConfig } from './manifest.js';

const ajv = createAjv([recordManifest.configSchema]);
const validate = ajv.compile(recordManifest.configSchema);
const config = (over: Partial<RecordConfig>): RecordConfig => ({
  ...recordManifest.defaults,
  baseUrl: 'https://acme.my.salesforce.com',
  match: [{ field: 'Phone', operator: 'phone', value: '{{ trigger.body.ani }}' }],
  ...over,
});
const codes = (c: RecordConfig) => checkRecord(c).map((i) => `${i.pointer} ${i.code}`);

describe('record manifest', () => {
  it('has defaults that validate, a title and description on every field, and a notFound output for search and get', () => {
    expect(validate(config({}))).toBe(true);
    expect(fieldsWithoutTitles(recordManifest.configSchema)).toEqual([]);
    expect(recordPorts({ operation: 'search' })).toEqual(['success', 'notFound', 'error']);
    expect(recordPorts({ operation: 'get' })).toEqual(['success', 'notFound', 'error']);
    expect(recordPorts({ operation: 'create' })).toEqual(['success', 'error']);
    expect(recordPorts(null)).toEqual(['success', 'error']);
  });

  it('requires what each action needs and keeps tags to Zendesk', () => {
    expect(validate(config({ operation: 'search', match: undefined }))).toBe(false);
    expect(validate(config({ operation: 'get' }))).toBe(false);
    expect(validate(config({ operation: 'get', recordId: '{{ vars.id }}' }))).toBe(true);
    expect(validate(config({ operation: 'upsert' }))).toBe(false);
    expect(validate(config({ operation: 'upsert', key: { field: 'External_Id__c', value: 'x' } }))).toBe(true);
    expect(validate(config({ operation: 'addTags', recordId: '1', tags: ['a'] }))).toBe(false);
    expect(validate(config({ provider: 'zendesk', operation: 'addTags', recordId: '1', tags: ['a'] }))).toBe(true);
    expect(validate(config({ sobject: 'Bad Object' }))).toBe(false);
    expect(validate(config({ match: [{ field: "Phone = '1' OR Id", operator: 'equals', value: 'x' }] }))).toBe(false);
  });

  it('shows only the settings that apply to the action (the form hides the others)', () => {
    const search = unusedSettings(recordManifest.configSchema, { provider: 'servicenow', operation: 'search' });
    expect([...search].sort()).toEqual(
      [
        'correlation',
        'fields',
        'key',
        'note',
        'recordId',
        'sobject',
        'apiVersion',
        'entitySet',
        'idField',
        'tags',
        'zendeskObject',
      ].sort(),
    );
    const create = unusedSettings(recordManifest.configSchema, { provider: 'salesforce', operation: 'create' });
    expect(create.has('correlation')).toBe(false);
    expect(create.has('fields')).toBe(false);
    expect(create.has('match')).toBe(true);
    expect(create.has('table')).toBe(true);
    const note = unusedSettings(recordManifest.configSchema, { provider: 'zendesk', operation: 'addNote' });
    expect(note.has('note')).toBe(false);
    expect(note.has('fields')).toBe(true);
    expect(note.has('returnFields')).toBe(true);
  });

  it('reports semantic problems as codes worded in English and Japanese', () => {
    expect(codes(config({ provider: 'servicenow', table: 'customer_contact', baseUrl: '' }))).toEqual([
      '/baseUrl record.base-url-required',
    ]);
    // Salesforce may leave it to a JWT bearer token's instance_url (checked when the node runs).
    expect(codes(config({ baseUrl: '' }))).toEqual([]);
    expect(
      codes(
        config({
          provider: 'zendesk',
          baseUrl: 'https://a.zendesk.com',
          matchMode: 'any',
          match: [
            { field: 'phone', operator: 'phone', value: 'x' },
            { field: 'email', operator: 'equals', value: 'y' },
          ],
        }),
      ),
    ).toEqual(['/matchMode record.any-on-zendesk']);
    expect(
      codes(
        config({
          provider: 'zendesk',
          zendeskObject: 'organization',
          operation: 'upsert',
          key: { field: 'email', value: 'x' },
        }),
      ),
    ).toEqual(['/key/field record.zendesk-upsert-key']);
    expect(codes(config({ operation: 'update', recordId: '1' }))).toEqual(['/fields record.fields-required']);
    expect(
      codes(
        config({ provider: 'dynamics', match: [{ field: 'parentcustomerid.name', operator: 'equals', value: 'x' }] }),
      ),
    ).toEqual(['/match/0/field record.match-field-dotted']);
    // ServiceNow dot-walks and Salesforce follows relationships in a search: allowed there.
    expect(codes(config({ match: [{ field: 'Account.Name', operator: 'equals', value: 'x' }] }))).toEqual([]);
    expect(
      codes(
        config({
          provider: 'zendesk',
          zendeskObject: 'user',
          operation: 'addNote',
          recordId: '1',
          note: { body: 'x', public: false },
        }),
      ),
    ).toEqual(['/zendeskObject record.note-zendesk-ticket']);
    const [twice] = checkRecord(
      config({
        operation: 'create',
        fields: [
          { name: 'A', value: 1 },
          { name: 'A', value: 2 },
        ],
      }),
    );
    expect(twice!.message).toBe('field "A" is set twice (rows 1 and 2)');
    expect(formatMessage({ code: twice!.code!, params: twice!.params! }, 'ja')).toBe(
      '項目「A」が 2 回指定されています（1 行目と 2 行目）',
    );
  });
});

describe('record trace', () => {
  it('shows the record id, whether it was created and how many were found', () => {
    const format = recordManifest.trace!.mappedFields!;
    expect(format({ provider: 'servicenow', id: 'sn1', created: false, record: { big: 'x' } })).toEqual({
      id: 'sn1',
      created: false,
    });
    expect(format({ records: [], count: 0 })).toEqual({ count: 0 });
    expect(format('nothing')).toBeUndefined();
  });
});

describe('record canvas summary', () => {
  it('names system, object and action in the UI language', async () => {
    const { nodeSummary } = await import('../../renderer/canvas/node-summary.js');
    const node = (config: Record<string, unknown>) => ({ type: 'record', config });
    expect(nodeSummary(node({ provider: 'salesforce', sobject: 'Task', operation: 'create' }), 'en')).toBe(
      'Salesforce · Task · create',
    );
    expect(nodeSummary(node({ provider: 'servicenow', table: 'customer_contact', operation: 'search' }), 'ja')).toBe(
      'ServiceNow・customer_contact・検索',
    );
    expect(nodeSummary(node({ provider: 'zendesk', operation: 'findOrCreate' }), 'en')).toBe(
      'Zendesk · ticket · find or create',
    );
    expect(nodeSummary(node({}), 'en')).toBe('');
  });
});
