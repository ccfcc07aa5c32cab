/** Text → parsed → migrated → validated, as the CLI, the server and the app's host all need it. */
import { writeFlow } from '../canonical.js';
import type { FlowFile } from '../flow.js';
import type { ValidationResult } from '../host-api.js';
import { migrateFlow } from '../migrate.js';
import type { AnyNodeTypeManifest } from '../node-type.js';
import { parseFlowText } from './parse-flow-text.js';
import { isRecord } from './pointer.js';
import { validateFlow } from './validate-flow.js';

export function loadFlowText(
  text: string,
  manifests: readonly AnyNodeTypeManifest[],
  fileName?: string,
): ValidationResult {
  const parsed = parseFlowText(text, fileName);
  if (parsed.value === undefined) return { issues: parsed.issues, migrated: [] };
  const migration = migrateFlow(parsed.value, manifests);
  if (migration.issues.some((i) => i.code === 'newer-schema-version')) {
    return { issues: [...parsed.issues, ...migration.issues], migrated: [] };
  }
  const issues = [...parsed.issues, ...migration.issues, ...validateFlow(migration.value, manifests)];
  if (!isRecord(migration.value)) return { issues, migrated: migration.notes };
  const flow = migration.value as unknown as FlowFile;
  return { issues, flow, migrated: migration.notes, canonical: writeFlow(flow) };
}
