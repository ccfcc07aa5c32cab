/**
 * Respond to webhook: gives the system that called the flow's webhook its answer (status,
 * headers, body), for callers that need the result synchronously — Genesys data actions,
 * screen pops, CXone Studio REST actions. The run goes on after answering.
 */
import { addMessages } from '../../core/messages/format.js';
import type { NodeConfigIssue, NodeTypeManifest } from '../../core/node-type.js';
import { respondMessages } from './messages.js';

addMessages(respondMessages);

export interface RespondHeader {
  name: string;
  value: string;
}

/**
 * Config of a Respond to webhook node (v1).
 *
 * ```json
 * { "status": 200,
 *   "headers": [{ "name": "Cache-Control", "value": "no-store" }],
 *   "body": { "customerName": "{{ steps.lookup.body.name }}", "vip": "{{ vars.vip }}" } }
 * ```
 */
export interface RespondToWebhookConfig extends Record<string, unknown> {
  /** An HTTP status (100-599) or a `{{ template }}` giving one. */
  status: number | string;
  headers: RespondHeader[];
  /** A JSON value with `{{ }}` templates, or a template string (sent as text). */
  body?: unknown;
}

const HEADER_NAME = "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$";
/** Headers the server sets itself; a flow setting them would break the response. */
const RESERVED_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade']);

export const respondToWebhookConfigSchema = {
  type: 'object',
  title: 'Respond to webhook',
  additionalProperties: false,
  required: ['status', 'headers'],
  properties: {
    status: {
      title: 'Status',
      description: 'The HTTP status the caller gets, e.g. 200, or a {{ template }} that gives one.',
      oneOf: [
        { type: 'integer', minimum: 100, maximum: 599 },
        {
          type: 'string',
          pattern: '^\\s*\\{\\{[\\s\\S]*\\}\\}\\s*$',
          'x-patternMessage': 'must be a number such as 200 or a {{ template }}',
        },
      ],
    },
    headers: {
      type: 'array',
      title: 'Headers',
      description: 'Response headers, e.g. Cache-Control: no-store. Values may hold {{ templates }}.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'value'],
        properties: {
          name: {
            type: 'string',
            title: 'Name',
            description: 'Header name, e.g. Cache-Control.',
            pattern: HEADER_NAME,
            'x-patternMessage': 'must be a header name without spaces, e.g. Cache-Control',
            'x-template': 'none',
          },
          value: { type: 'string', title: 'Value', description: 'Header value; may hold {{ templates }}.' },
        },
      },
    },
    body: {
      title: 'Body',
      description:
        'JSON sent back, with {{ templates }} (a value that is exactly one template keeps its type), e.g. {"name": "{{ steps.lookup.body.name }}"}. A text body is sent as text/plain.',
    },
  },
} as const;

export function checkRespondToWebhook(config: RespondToWebhookConfig): NodeConfigIssue[] {
  const issues: NodeConfigIssue[] = [];
  (config.headers ?? []).forEach((header, index) => {
    if (typeof header.name === 'string' && RESERVED_HEADERS.has(header.name.toLowerCase())) {
      const params = { header: header.name };
      issues.push({
        pointer: `/headers/${index}/name`,
        code: 'respond.reserved-header',
        params,
        message: respondMessages.en['respond.reserved-header'](params),
      });
    }
  });
  return issues;
}

export const respondToWebhookManifest: NodeTypeManifest<RespondToWebhookConfig> = {
  type: 'respondToWebhook',
  version: 1,
  category: 'logic',
  title: 'Respond to webhook',
  configSchema: respondToWebhookConfigSchema as unknown as Record<string, unknown>,
  defaults: { status: 200, headers: [], body: { ok: true } },
  ports: ['out'],
  credentialSlots: [],
  provides: ['webhook-response'],
  answersCaller: true,
  check: checkRespondToWebhook,
};
