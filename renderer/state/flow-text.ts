/**
 * The text Save writes and validation reads: core's canonical writer, so the designer and the
 * CLI produce byte-identical files.
 */
import { writeFlow } from '../../core/canonical.js';
import type { FlowFile } from '../../core/flow.js';

export function flowToText(flow: FlowFile): string {
  return writeFlow(flow);
}
