/**
 * Manifests of every node type (from `node-types.ts`, the one list), for everything: core's
 * validator, the runtime, the renderer.
 */
import type { AnyNodeTypeManifest } from '../core/node-type.js';
import { NODE_TYPES } from './node-types.js';

export const NODE_MANIFESTS: readonly AnyNodeTypeManifest[] = NODE_TYPES;

const byType = new Map<string, AnyNodeTypeManifest>(NODE_MANIFESTS.map((m) => [m.type, m]));

export function manifestFor(type: string): AnyNodeTypeManifest | undefined {
  return byType.get(type);
}
