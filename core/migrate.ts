/**
 * Upgrades a parsed flow to what this build reads natively: a hand-written file without
 * `$schema`/`schemaVersion` is read as version 1, and nodes of older type versions go through
 * their manifest's migrations. Pure: the input is never modified.
 */
import { FLOW_SCHEMA_ID, FLOW_SCHEMA_VERSION } from './flow.js';
import type { AnyNodeTypeManifest } from './node-type.js';
import { message } from './messages/make.js';
import type { NodeRef } from './messages/message.js';
import type { FlowIssue } from './validation-types.js';

export interface MigrationResult {
  /** The upgraded flow (a copy), or the input as it was when it cannot be read. */
  value: unknown;
  /** What was changed, in words: "Web Service 'x' upgraded from v1 to v2". */
  notes: string[];
  /** Why the flow cannot be read by this build (e.g. made by a newer Flowdesk). */
  issues: FlowIssue[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function label(manifest: AnyNodeTypeManifest, node: Record<string, unknown>, index: number): string {
  return typeof node.name === 'string' ? `${manifest.title} '${node.name}'` : `${manifest.title} (node ${index + 1})`;
}

function migrateNode(
  node: Record<string, unknown>,
  index: number,
  manifest: AnyNodeTypeManifest,
  result: MigrationResult,
): void {
  if (node.version === undefined) {
    node.version = 1;
    result.notes.push(`${label(manifest, node, index)} had no version; it was read as version 1.`);
  }
  const from = node.version;
  if (typeof from !== 'number' || !Number.isInteger(from) || from >= manifest.version) return;
  // Only migrate when every step exists; otherwise the validator explains what is missing.
  for (let v = from + 1; v <= manifest.version; v++) if (!manifest.migrations?.[v]) return;
  let config = isRecord(node.config) ? node.config : {};
  for (let v = from + 1; v <= manifest.version; v++) {
    try {
      config = manifest.migrations![v]!(structuredCopy(config));
    } catch (err) {
      const ref: NodeRef = { index, title: manifest.title, type: manifest.type };
      if (typeof node.name === 'string') ref.name = node.name;
      const error = err instanceof Error ? err.message : String(err);
      const m = message('migration-failed', { node: ref, from: v - 1, to: v, error });
      result.issues.push({
        severity: 'error',
        code: m.code,
        params: m.params,
        message: m.message,
        pointer: `/nodes/${index}/config`,
        ...(typeof node.id === 'string' ? { nodeId: node.id } : {}),
      });
      return;
    }
  }
  node.config = config;
  node.version = manifest.version;
  result.notes.push(`${label(manifest, node, index)} upgraded from v${from} to v${manifest.version}.`);
}

function structuredCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export function migrateFlow(value: unknown, manifests: readonly AnyNodeTypeManifest[]): MigrationResult {
  const result: MigrationResult = { value, notes: [], issues: [] };
  if (!isRecord(value)) return result;
  const version = value.schemaVersion;
  if (typeof version === 'number' && version > FLOW_SCHEMA_VERSION) {
    const m = message('newer-schema-version', { version, known: FLOW_SCHEMA_VERSION });
    result.issues.push({
      severity: 'error',
      code: m.code,
      params: m.params,
      message: m.message,
      pointer: '/schemaVersion',
    });
    return result;
  }
  const flow = structuredCopy(value);
  if (flow.schemaVersion === undefined) {
    flow.schemaVersion = FLOW_SCHEMA_VERSION;
    result.notes.push(
      flow.$schema === undefined
        ? 'The file has no $schema or schemaVersion (written by hand?); it was read as flow format version 1.'
        : 'The file has no schemaVersion; it was read as flow format version 1.',
    );
  }
  if (flow.$schema === undefined) flow.$schema = FLOW_SCHEMA_ID;
  const byType = new Map(manifests.map((m) => [m.type, m]));
  if (Array.isArray(flow.nodes)) {
    flow.nodes.forEach((node, index) => {
      if (!isRecord(node) || typeof node.type !== 'string') return;
      const manifest = byType.get(node.type);
      if (manifest) migrateNode(node, index, manifest, result);
    });
  }
  result.value = flow;
  return result;
}
