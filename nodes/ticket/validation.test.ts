import { describe, expect, it } from 'vitest';
import { issueLines, validateNodes } from '../../test/support/validate-nodes.js';
import { ticketManifest } from './manifest.js';

describe('ticket through the flow validator', () => {
  it('requires per provider/operation, refuses a credential of the wrong kind, and says why', () => {
    const issues = validateNodes(
      [ticketManifest],
      [
        {
          id: 'a',
          type: 'ticket',
          name: 'noteOnTicket',
          config: { ...ticketManifest.defaults, operation: 'update', baseUrl: 'https://acme.zendesk.com' },
          credentials: { auth: 'zendesk' },
        },
        {
          id: 'b',
          type: 'ticket',
          name: 'snCase',
          config: {
            ...ticketManifest.defaults,
            provider: 'servicenow',
            operation: 'addTags',
            recordId: '{{ trigger.body.sysId }}',
            baseUrl: 'https://acme.service-now.com',
            table: 'Customer Case',
          },
          credentials: { auth: 'servicenow' },
        },
        {
          id: 'c',
          type: 'ticket',
          name: 'zendeskTicket',
          config: {
            ...ticketManifest.defaults,
            baseUrl: 'https://acme.zendesk.com',
            comment: { body: 'x', public: false },
          },
          credentials: { auth: 'servicenow' },
        },
        {
          id: 'd',
          type: 'ticket',
          name: 'sfCase',
          config: { ...ticketManifest.defaults, provider: 'salesforce', baseUrl: 'https://acme.my.salesforce.com' },
        },
      ],
      { zendesk: 'zendeskApiToken', servicenow: 'basic' },
    );
    expect(issueLines(issues)).toEqual([
      "/nodes/1/config/recordId | Ticket 'noteOnTicket': Ticket to update is required",
      "/nodes/2/config/operation | Ticket 'snCase': Action must be create or update: adding tags on its own is only available for Zendesk",
      "/nodes/2/config/table | Ticket 'snCase': Table must be a ServiceNow table name in lower case, e.g. sn_customerservice_case",
      "/nodes/3/credentials/auth | Ticket 'zendeskTicket': Credential needs a Zendesk API token or Bearer token credential, but 'servicenow' is Basic authentication",
      "/nodes/4/credentials/auth | Ticket 'sfCase': Credential needs an OAuth 2.0, Bearer token or Salesforce JWT bearer credential; pick one in the Credentials section",
    ]);
  });

  it('accepts the reference configurations', () => {
    const issues = validateNodes(
      [ticketManifest],
      [
        {
          id: 'z',
          type: 'ticket',
          name: 'newTicket',
          config: {
            ...ticketManifest.defaults,
            baseUrl: 'https://acme.zendesk.com',
            subject: 'Dissatisfied customer',
            comment: { body: 'CSAT {{ trigger.body.csat }}/5', public: false },
            priority: 'high',
            tags: ['csat_low'],
            fields: [{ name: '360000000001', value: '{{ trigger.body.ConversationID }}' }],
          },
          credentials: { auth: 'zendesk' },
        },
        {
          id: 's',
          type: 'ticket',
          name: 'snCase',
          config: {
            ...ticketManifest.defaults,
            provider: 'servicenow',
            baseUrl: 'https://acme.service-now.com',
            table: 'sn_customerservice_case',
            subject: 'Inbound call {{ trigger.body.ani }}',
            fields: [{ name: 'u_recording_url', value: '{{ trigger.body.recordingUrl }}' }],
          },
          credentials: { auth: 'servicenow' },
        },
      ],
      { zendesk: 'zendeskApiToken', servicenow: 'oauth2' },
    );
    expect(issueLines(issues)).toEqual([]);
  });
});
