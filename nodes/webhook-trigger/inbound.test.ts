import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../core/messages/format.js';
import { NodeError } from '../../core/node-type.js';
import { readPayload } from '../../test/support/payloads.js';
import { taskRouterExampleForm, taskRouterExampleParams } from '../../test/support/taskrouter-example.js';
import { BODY_ERROR_CODE } from './body-error.js';
import { contentTypeOf, decodeWebhookBody, parseFormBody } from './inbound.js';
import './manifest.js';

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' };
const WORKER_EVENT = 'twilio-taskrouter-event-worker.attributes.update-example.txt';

function thrown(action: () => unknown): NodeError {
  try {
    action();
  } catch (error) {
    if (error instanceof NodeError) return error;
    throw error;
  }
  throw new Error('expected a NodeError');
}

describe('reading the body a caller sent', () => {
  it('reads a real TaskRouter form post as an object, with WorkerAttributes parsed on request', () => {
    const form = taskRouterExampleForm(WORKER_EVENT);
    const plain = decodeWebhookBody({}, { body: form, headers: FORM }) as Record<string, unknown>;
    expect(plain).toMatchObject({ EventType: 'worker.attributes.update', WorkerName: 'jhunter', WorkerVersion: '23' });
    expect(typeof plain.WorkerAttributes).toBe('string');

    const body = decodeWebhookBody({ jsonFields: ['WorkerAttributes'] }, { body: form, headers: FORM }) as {
      WorkerAttributes: { full_name: string; image_url: string; disabled_skills: { levels: { english: number } } };
      EventDescription: string;
    };
    expect(body.WorkerAttributes.full_name).toBe('Bugs Bunny');
    expect(body.WorkerAttributes.image_url).toBe(
      'https://www.gravatar.com/avatar/3b4dc5a8fb4a39108c9145a1a2601fff?d=mp',
    );
    expect(body.WorkerAttributes.disabled_skills.levels.english).toBe(5);
    // Only the named field is read as JSON.
    expect(body.EventDescription).toMatch(/^Worker <worker-name> updated attributes to \{/);
  });

  it('is idempotent: a body decoded once (as a server stores it) reads the same again', () => {
    const config = { jsonFields: ['WorkerAttributes'] };
    const once = decodeWebhookBody(config, { body: taskRouterExampleForm(WORKER_EVENT), headers: FORM });
    expect(decodeWebhookBody(config, { body: once, headers: FORM })).toEqual(once);
  });

  it('names the field whose text is not JSON, in English and Japanese', () => {
    const params = taskRouterExampleParams('twilio-taskrouter-event-task-queue.expression.updated-example.txt');
    const form = new URLSearchParams(params).toString();
    // TaskQueueTargetExpression is TaskRouter's expression language, not JSON.
    const error = thrown(() =>
      decodeWebhookBody({ jsonFields: ['TaskQueueTargetExpression'] }, { body: form, headers: FORM }),
    );
    expect(error.code).toBe(BODY_ERROR_CODE);
    expect(error.message).toMatch(
      /^body field 'TaskQueueTargetExpression' should hold JSON written as text, but it is not JSON: /,
    );
    const detail = error.params!.detail as { code: string };
    expect(detail.code).toBe('webhook.json-field-not-json');
    expect(formatMessage(detail, 'ja')).toMatch(
      /^本文の項目「TaskQueueTargetExpression」は JSON を文字列で持つはずですが/,
    );
  });

  it('leaves a JSON body, absent fields and non-form text alone, and does not change the given object', () => {
    const body = { TaskAttributes: { a: 1 }, Other: '{"b":2}' };
    expect(decodeWebhookBody({ jsonFields: ['TaskAttributes', 'Missing'] }, { body, headers: {} })).toBe(body);
    const given = { TaskAttributes: '{"zd_ticket_id":"1234"}' };
    const decoded = decodeWebhookBody({ jsonFields: ['TaskAttributes'] }, { body: given, headers: {} });
    expect(decoded).toEqual({ TaskAttributes: { zd_ticket_id: '1234' } });
    expect(given.TaskAttributes).toBe('{"zd_ticket_id":"1234"}');
    expect(decodeWebhookBody({}, { body: 'a=b', headers: { 'content-type': 'text/plain' } })).toBe('a=b');
  });

  it('keeps repeated names as a list and a __proto__ name as data', () => {
    expect(parseFormBody('Digits=5678&Digits=1234&Sid=CA1')).toEqual({ Digits: ['5678', '1234'], Sid: 'CA1' });
    const odd = parseFormBody('__proto__=x&a=1');
    expect(Object.getPrototypeOf(odd)).toBe(Object.prototype);
    expect(JSON.parse(JSON.stringify(odd))).toEqual({ ['__proto__']: 'x', a: '1' });
    expect(contentTypeOf({ 'CONTENT-TYPE': 'Application/X-WWW-Form-Urlencoded; charset=UTF-8' })).toBe(
      'application/x-www-form-urlencoded',
    );
  });

  it('recognises the Genesys EventBridge envelope and says what is missing from anything else', () => {
    const event = readPayload('genesys-eventbridge-customer-end.json');
    expect(decodeWebhookBody({ preset: 'genesysEventBridge' }, { body: event, headers: {} })).toBe(event);
    const presence = readPayload('genesys-eventbridge-audit-userpresence-change.json');
    expect(decodeWebhookBody({ preset: 'genesysEventBridge' }, { body: presence, headers: {} })).toBe(presence);

    // The process-automation test body is the event body alone, without the envelope.
    const bare = readPayload('genesys-event-customer-end-test-body.json');
    const error = thrown(() => decodeWebhookBody({ preset: 'genesysEventBridge' }, { body: bare, headers: {} }));
    expect(error.message).toMatch(/^the body is not a Genesys Cloud EventBridge event: detail is missing/);
    const noBody = structuredClone(event) as { detail: Record<string, unknown> };
    delete noBody.detail.eventBody;
    expect(() => decodeWebhookBody({ preset: 'genesysEventBridge' }, { body: noBody, headers: {} })).toThrow(
      /detail\.eventBody is missing/,
    );
  });
});
