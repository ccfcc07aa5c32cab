/**
 * Config schema pieces shared by node types that send HTTP requests (Web Service, Ticket), so
 * their retry settings read and validate the same in every form and error message.
 */
import type { NodeConfigIssue, RetryPolicy } from './node-type.js';
import { en } from './messages/en.js';

/** An HTTP header name (RFC 9110 token): no spaces, colons or other separators. */
export const HEADER_NAME_PATTERN = "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$";

/** The `retry` object of a node config; `description` says when this node type retries. */
export function retryPolicySchema(description: string) {
  return {
    type: 'object',
    title: 'Retries',
    description,
    additionalProperties: false,
    required: ['maxRetries', 'initialDelayMs', 'maxDelayMs'],
    properties: {
      maxRetries: {
        type: 'integer',
        title: 'Retries',
        description: 'Retries after the first attempt.',
        minimum: 0,
        maximum: 10,
      },
      initialDelayMs: {
        type: 'integer',
        title: 'First wait (ms)',
        description: 'Wait before the first retry; doubles each time.',
        minimum: 0,
        maximum: 60000,
      },
      maxDelayMs: {
        type: 'integer',
        title: 'Longest wait (ms)',
        description: 'Upper bound for one wait.',
        minimum: 0,
        maximum: 300000,
      },
    },
  } as const;
}

/** What the schema cannot say about a retry policy: its waits must not shrink. */
export function retryPolicyIssues(retry: Partial<RetryPolicy> | undefined): NodeConfigIssue[] {
  if ((retry?.maxDelayMs ?? 0) < (retry?.initialDelayMs ?? 0)) {
    return [
      {
        pointer: '/retry/maxDelayMs',
        code: 'check.retry-shrinks',
        params: {},
        message: en['check.retry-shrinks'](),
      },
    ];
  }
  return [];
}
