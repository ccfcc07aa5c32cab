/**
 * Tidy-up: elkjs's layered algorithm, left to right, with each node's output ports in their
 * display order on the east side and the input on the west, so edges leave the port they
 * belong to. Pure and async; the caller commits the positions as one undo step.
 */
import type ELKType from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import type { FlowFile } from '../../core/flow.js';
import { isTrigger, portsOf, type AnyNodeTypeManifest } from '../../core/node-type.js';
import type { Position } from '../state/flow-ops.js';

export interface Size {
  width: number;
  height: number;
}

export const DEFAULT_NODE_SIZE: Size = { width: 240, height: 110 };

let elk: InstanceType<typeof ELKType> | undefined;

/**
 * elkjs is 1.6 MB of the designer's script and only Tidy up (and opening a file without
 * positions) needs it: loaded on first use, in its own chunk.
 */
async function loadElk(): Promise<InstanceType<typeof ELKType>> {
  if (!elk) {
    const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
    elk ??= new ELK();
  }
  return elk;
}

export async function layoutFlow(
  flow: FlowFile,
  sizes: Readonly<Record<string, Size>>,
  manifestFor: (type: string) => AnyNodeTypeManifest | undefined,
): Promise<Record<string, Position>> {
  const engine = await loadElk();
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '90',
      'elk.spacing.nodeNode': '50',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.crossingMinimization.semiInteractive': 'true',
      'elk.edgeRouting': 'SPLINES',
    },
    children: flow.nodes.map((node) => {
      const size = sizes[node.id] ?? DEFAULT_NODE_SIZE;
      const manifest = manifestFor(node.type);
      const outs = portsOf(manifest, node.config);
      return {
        id: node.id,
        width: size.width,
        height: size.height,
        layoutOptions: { 'elk.portConstraints': 'FIXED_ORDER' },
        ports: [
          ...(isTrigger(manifest)
            ? []
            : [
                {
                  id: `${node.id}::in`,
                  width: 1,
                  height: 1,
                  layoutOptions: { 'elk.port.side': 'WEST', 'elk.port.index': '0' },
                },
              ]),
          ...outs.map((port, i) => ({
            id: `${node.id}::${port}`,
            width: 1,
            height: 1,
            // East-side ports are numbered clockwise: top to bottom is ascending.
            layoutOptions: { 'elk.port.side': 'EAST', 'elk.port.index': String(i) },
          })),
        ],
      };
    }),
    edges: flow.edges.map((e, i) => ({ id: `e${i}`, sources: [`${e.from}::${e.port}`], targets: [`${e.to}::in`] })),
  };
  const result = await engine.layout(graph);
  const positions: Record<string, Position> = {};
  for (const child of result.children ?? []) {
    positions[child.id] = { x: Math.round((child.x ?? 0) + 40), y: Math.round((child.y ?? 0) + 40) };
  }
  return positions;
}
