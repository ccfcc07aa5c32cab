/**
 * The text Save writes and validation reads. Uses core's canonical writer so the renderer and
 * the CLI produce byte-identical files.
 */
import type { FlowFile } from '../../core/flow.js';

export function flowToText(flow: FlowFile): string {
  return JSON.stringify(flow, null, 2) + '\n';
}
