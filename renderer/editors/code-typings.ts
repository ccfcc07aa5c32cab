/**
 * The `.d.ts` the Code editor loads for one node: what its source receives (`trigger`, the
 * outputs of upstream steps by name, `vars`, `console`). Regenerated whenever the graph or the
 * upstream mappings change, so completion lists exactly what exists at run time.
 */
import type { FlowFile, FlowNode } from '../../core/flow.js';
import { upstreamNodes, varsOf } from '../inspector/available-paths.js';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function key(name: string): string {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}

function objectType(fields: readonly string[], valueType = 'any'): string {
  if (fields.length === 0) return `Record<string, ${valueType}>`;
  return `{ ${fields.map((f) => `${key(f)}: ${valueType};`).join(' ')} [field: string]: ${valueType} }`;
}

/** The TypeScript type of a node's output as the runtime builds it. */
export function outputType(node: FlowNode): string {
  switch (node.type) {
    case 'webService': {
      const fields = Array.isArray(node.config.mapping)
        ? (node.config.mapping as { field?: unknown }[])
            .map((m) => (typeof m.field === 'string' ? m.field : ''))
            .filter(Boolean)
        : [];
      return `{ status: number; headers: Record<string, string>; body: any; fields: ${objectType(fields)} }`;
    }
    case 'condition':
      return '{ result: boolean }';
    case 'ticket':
      return '{ id: string; number?: string; url?: string; [key: string]: any }';
    default:
      return 'any';
  }
}

/** The declarations for the Code node `nodeId` of `flow`. */
export function codeTypings(flow: FlowFile, nodeId: string): string {
  const upstream = upstreamNodes(flow, nodeId);
  const steps = upstream
    .map((n) => `  /** ${n.type} node "${n.name}" */\n  ${key(n.name)}: ${outputType(n)};`)
    .join('\n');
  const vars = [...new Set(upstream.flatMap((n) => varsOf(n)))];
  return [
    '/** The webhook event that started the run. */',
    'declare const trigger: { body: any; headers: Record<string, string>; query: Record<string, string> };',
    '/** Outputs of the nodes that ran before this one, by node name. */',
    `declare const steps: {\n${steps}\n};`,
    '/** Fields mapped by earlier nodes. */',
    `declare const vars: ${objectType(vars, 'unknown')};`,
    '/** Lines logged here appear in the run trace. */',
    'declare const console: { log(...values: unknown[]): void; info(...values: unknown[]): void; warn(...values: unknown[]): void; error(...values: unknown[]): void };',
    '',
  ].join('\n');
}
