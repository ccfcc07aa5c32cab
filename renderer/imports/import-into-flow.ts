/**
 * Where an imported node goes in the open flow: a fresh id and name, to the right of the
 * rightmost node, with its credential declared beside the flow's own.
 */
import type { FlowFile, FlowNode } from '../../core/flow.js';
import { importedNode, withImportedCredential } from '../../nodes/web-service/imports/flow-from-import.js';
import type { WebServiceImport } from '../../nodes/web-service/imports/import-result.js';

export interface PlacedImport {
  node: FlowNode;
  position: { x: number; y: number };
  credentials: FlowFile['credentials'];
}

export function placeImport(flow: FlowFile, result: WebServiceImport): PlacedImport {
  const node = importedNode(
    result,
    flow.nodes.map((n) => n.name),
    flow.nodes.map((n) => n.id),
  );
  const positions = Object.values(flow.layout?.nodes ?? {});
  const rightmost = positions.reduce<{ x: number; y: number } | undefined>(
    (best, p) => (best === undefined || p.x > best.x ? p : best),
    undefined,
  );
  const position = rightmost ? { x: rightmost.x + 320, y: rightmost.y } : { x: 0, y: 0 };
  return { node, position, credentials: withImportedCredential(flow, result) };
}
