/**
 * Event formats the Webhook trigger recognises by a preset: the envelope is checked before the
 * flow reads it, and the format's usual fields go into vars without a row each.
 * Environment-neutral: the manifest (loaded by the designer too) names the preset's vars.
 */
import { isRecord } from '../node-kit.js';
import { bodyError } from './body-error.js';

export type WebhookPreset = 'none' | 'genesysEventBridge';

// ---------------------------------------------------------------------------------------------
// Genesys Cloud events delivered by Amazon EventBridge.

/** What the Genesys EventBridge preset puts into vars: name → where in the envelope. */
export const EVENTBRIDGE_FIELDS: readonly { name: string; path: string }[] = [
  { name: 'conversationId', path: '$.detail.eventBody.conversationId' },
  { name: 'eventType', path: "$['detail-type']" },
  { name: 'topicName', path: '$.detail.topicName' },
  { name: 'eventTime', path: '$.detail.eventBody.eventTime' },
  { name: 'participantId', path: '$.detail.eventBody.participantId' },
  { name: 'userId', path: '$.detail.eventBody.userId' },
  { name: 'queueId', path: '$.detail.eventBody.queueId' },
  { name: 'mediaType', path: '$.detail.eventBody.mediaType' },
  { name: 'direction', path: '$.detail.eventBody.direction' },
  { name: 'eventBody', path: '$.detail.eventBody' },
];

/** Names a preset puts into vars. */
export function presetFieldNames(preset: WebhookPreset | undefined): string[] {
  return preset === 'genesysEventBridge' ? EVENTBRIDGE_FIELDS.map((f) => f.name) : [];
}

/** Throws when the body is not an EventBridge envelope, naming what is missing. */
export function recogniseEventBridge(body: unknown): void {
  if (!isRecord(body)) throw bodyError('webhook.not-eventbridge', { missing: 'an object body' });
  const detail = body.detail;
  if (!isRecord(detail)) throw bodyError('webhook.not-eventbridge', { missing: 'detail' });
  if (typeof detail.topicName !== 'string') throw bodyError('webhook.not-eventbridge', { missing: 'detail.topicName' });
  if (!isRecord(detail.eventBody)) throw bodyError('webhook.not-eventbridge', { missing: 'detail.eventBody' });
}

const CONVERSATION_IN_TOPIC =
  /(?:^|\.)conversations?\.([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})(?:\.|$)/;

/**
 * The conversation id when the event body has none (an event about a participant, say): the
 * topic name carries the real id, while `detail-type` keeps the literal `{id}`.
 */
export function conversationIdFromTopic(body: unknown): string | undefined {
  const topic = isRecord(body) && isRecord(body.detail) ? body.detail.topicName : undefined;
  return typeof topic === 'string' ? CONVERSATION_IN_TOPIC.exec(topic)?.[1] : undefined;
}
