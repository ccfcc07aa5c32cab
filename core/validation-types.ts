/** A problem found in a flow file. */
export interface FlowIssue {
  severity: 'error' | 'warning';
  /** Stable machine code, e.g. `schema`, `dangling-edge`, `cycle`, `literal-secret`. */
  code: string;
  /** Plain words for an admin: "Web Service 'getDetails': URL is required". */
  message: string;
  /** JSON pointer into the flow file, e.g. `/nodes/2/config/url`. */
  pointer: string;
  /** Node the issue belongs to, when it belongs to one. */
  nodeId?: string;
  /** Pointer inside the node's config, when the issue is about a config field. */
  field?: string;
}
