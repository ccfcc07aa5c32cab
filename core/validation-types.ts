import type { MessageParams } from './messages/message.js';

/**
 * A problem found in a flow file. It is a message (`code` + `params`, worded per language by
 * `formatMessage(issue, lang)` from core/messages); `message` is its English sentence.
 */
export interface FlowIssue {
  severity: 'error' | 'warning';
  /** Stable machine code, e.g. `schema`, `dangling-edge`, `cycle`, `literal-secret`. */
  code: string;
  /** What fills the code's sentence (node, field, names…); see core/messages/en.ts. */
  params?: MessageParams;
  /** Plain English words for an admin: "Web Service 'getDetails': URL is required". */
  message: string;
  /** JSON pointer into the flow file, e.g. `/nodes/2/config/url`. */
  pointer: string;
  /** Node the issue belongs to, when it belongs to one. */
  nodeId?: string;
  /** Pointer inside the node's config, when the issue is about a config field. */
  field?: string;
}
