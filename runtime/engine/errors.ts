import type { FlowNode } from '../../core/flow.js';
import type { Message, MessageParams } from '../../core/messages/message.js';
import type { RunStatus } from '../../core/trace.js';
import type { FlowIssue } from '../../core/validation-types.js';
import { issueLine } from '../../core/messages/en.js';
import { message } from '../../core/messages/make.js';
import { MessageError } from '../../core/messages/message-error.js';

/**
 * Thrown by `FlowRuntime.load` when a flow cannot run: it is not JSON, fails validation, or a
 * node could not be prepared. `issues` carries every problem; the message lists the errors in
 * the form an admin reads ("Web Service 'getDetails' (/nodes/2/config/url): URL is required").
 */
export class FlowLoadError extends MessageError {
  override readonly name = 'FlowLoadError';

  constructor(
    readonly issues: FlowIssue[],
    readonly fileName?: string,
    /** `json` when the text is not JSON at all: the CLI maps that to its own message. */
    readonly kind: 'json' | 'invalid' = 'invalid',
  ) {
    const errors = issues.filter((i) => i.severity === 'error');
    // `flow.not-valid` lists the errors, or every issue when none is an error.
    super(
      message('flow.not-valid', {
        ...(fileName ? { file: fileName } : {}),
        issues: errors.length > 0 ? errors : issues,
      }),
    );
  }
}

/**
 * One line per issue, the pointer after the node it belongs to:
 * "Web Service 'getDetails' (/nodes/2/config/url): URL is required".
 */
export function formatIssue(issue: FlowIssue): string {
  return issueLine(issue.message, issue.pointer);
}

/** Why a run stopped early; kept apart from node failures so the status can say which. */
export class RunAbortedError extends Error {
  readonly params: MessageParams;

  constructor(
    readonly status: 'timeout' | 'cancelled',
    why: Message & { message: string },
  ) {
    super(why.message);
    this.name = 'RunAbortedError';
    this.params = { detail: why };
  }
}

/**
 * A node the run cannot go on past: it failed without a wired error port, or the run was
 * cut short while it ran. In a body it ends the iteration; at the top level, the run.
 */
export class NodeFailure extends Error {
  constructor(
    readonly node: FlowNode,
    message: string,
    readonly code: string | undefined,
    readonly status: RunStatus,
    readonly params?: MessageParams,
  ) {
    super(message);
  }

  get nodeName(): string {
    return this.node.name;
  }
}
