/**
 * The `.d.ts` the Code editor loads for one node: what its source receives (`trigger`, the
 * outputs of upstream steps by name, `vars`, `console`, and `item`/`index` in a loop's body). Regenerated whenever the graph or the
 * upstream mappings change, so completion lists exactly what exists at run time.
 */
import type { FlowFile, FlowNode } from '../../core/flow.js';
import type { OutputShape } from '../../core/node-type.js';
import { outputShapeOf, upstreamNodes, varsOf } from '../inspector/available-paths.js';
import { enclosingLoop } from '../state/loop-bodies.js';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function key(name: string): string {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}

function objectType(fields: readonly string[], valueType = 'any'): string {
  if (fields.length === 0) return `Record<string, ${valueType}>`;
  return `{ ${fields.map((f) => `${key(f)}: ${valueType};`).join(' ')} [field: string]: ${valueType} }`;
}

/** A declared output shape as a TypeScript type. */
export function shapeType(shape: OutputShape): string {
  switch (shape.kind) {
    case 'record':
      return `Record<string, ${shapeType(shape.of)}>`;
    case 'object': {
      const entries = Object.entries(shape.fields);
      if (entries.length === 0) return shape.open ? 'Record<string, any>' : '{}';
      const members = entries.map(([name, child]) => `${key(name)}${child.optional ? '?' : ''}: ${shapeType(child)};`);
      if (shape.open) members.push('[key: string]: any');
      return `{ ${members.join(' ')} }`;
    }
    default:
      return shape.kind;
  }
}

/** The TypeScript type of a node's output as the runtime builds it. */
export function outputType(flow: FlowFile, node: FlowNode): string {
  const shape = outputShapeOf(flow, node);
  return shape ? shapeType(shape) : 'any';
}

/** The declarations for the Code node `nodeId` of `flow`. */
export function codeTypings(flow: FlowFile, nodeId: string): string {
  // Inside a loop's body the loop's own output is not there yet; the item is.
  const loop = enclosingLoop(flow, nodeId);
  const upstream = upstreamNodes(flow, nodeId).filter((n) => n !== loop);
  const steps = upstream
    .map((n) => `  /** ${n.type} node "${n.name}" */\n  ${key(n.name)}: ${outputType(flow, n)};`)
    .join('\n');
  const vars = [...new Set(upstream.flatMap((n) => varsOf(n)))];
  const params = Object.entries(flow.params ?? {})
    .map(
      ([name, p]) =>
        `  /** ${(p.description ?? 'Flow parameter').replaceAll('*/', '* /')} */\n  ${key(name)}: ${p.type};`,
    )
    .join('\n');
  return [
    '/** The webhook event that started the run. */',
    'declare const trigger: { body: any; headers: Record<string, string>; query: Record<string, string> };',
    '/** Outputs of the nodes that ran before this one, by node name. */',
    `declare const steps: {\n${steps}\n};`,
    '/** Fields mapped by earlier nodes. */',
    `declare const vars: ${objectType(vars, 'unknown')};`,
    "/** The flow's parameters (Flow settings), with this environment's values. */",
    `declare const params: {\n${params}\n};`,
    ...(loop
      ? [
          `/** The item this run of the loop '${loop.name.replaceAll('*/', '* /')}' is for. */`,
          'declare const item: any;',
          "/** The item's position in the list, from 0. */",
          'declare const index: number;',
        ]
      : []),
    '/** Lines logged here appear in the run trace. */',
    'declare const console: { log(...values: unknown[]): void; info(...values: unknown[]): void; warn(...values: unknown[]): void; error(...values: unknown[]): void };',
    '',
  ].join('\n');
}
