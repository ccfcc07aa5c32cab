/** The reference Qualtrics–Genesys flow, read once, with lookups by node name. */
import { readFileSync } from 'node:fs';
import type { FlowFile, FlowNode } from '../../../core/flow.js';
import { REFERENCE_FLOW } from './paths.js';

export function readReference(): FlowFile {
  return JSON.parse(readFileSync(REFERENCE_FLOW, 'utf8')) as FlowFile;
}

export function nodeByName(flow: FlowFile, name: string): FlowNode {
  const node = flow.nodes.find((n) => n.name === name);
  if (!node) throw new Error(`the reference flow has no node named ${name}`);
  return node;
}

/** The config of a reference node, typed loosely for reading values into form fields. */
export function configOf(flow: FlowFile, name: string): any {
  return nodeByName(flow, name).config;
}
