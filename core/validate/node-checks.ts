/** Per-node checks: ids and names unique, type known, version readable, config valid. */
import { CREDENTIAL_KINDS } from '../credentials.js';
import type { FlowCheck, NodeEntry } from './context.js';
import { addIssue, nodeIssue } from './context.js';
import { fieldLabel, schemaProblems } from './schema-words.js';

function checkIdentity(check: FlowCheck): void {
  for (const entry of check.nodes) {
    if (entry.id !== undefined) {
      const first = check.byId.get(entry.id);
      if (first) {
        addIssue(
          check,
          nodeIssue(
            entry,
            'duplicate-node-id',
            `its id '${entry.id}' is already used by ${first.label}; ids must be unique`,
            { pointer: `${entry.pointer}/id` },
          ),
        );
      } else check.byId.set(entry.id, entry);
    }
    if (entry.name !== undefined) {
      const first = check.byName.get(entry.name);
      if (first) {
        addIssue(
          check,
          nodeIssue(
            entry,
            'duplicate-node-name',
            `the name '${entry.name}' is already used by node ${first.index + 1}; names must be unique because templates refer to steps.${entry.name}`,
            { pointer: `${entry.pointer}/name` },
          ),
        );
      } else check.byName.set(entry.name, entry);
    }
  }
}

function checkVersion(check: FlowCheck, entry: NodeEntry): boolean {
  const manifest = entry.compiled!.manifest;
  const version = entry.version;
  if (version === undefined || version === manifest.version) return version !== undefined;
  if (version > manifest.version) {
    addIssue(
      check,
      nodeIssue(
        entry,
        'newer-node-version',
        `this node was made by a newer Flowdesk (${manifest.title} version ${version}; this Flowdesk knows up to version ${manifest.version}). Update Flowdesk to open this flow.`,
        { pointer: `${entry.pointer}/version` },
      ),
    );
    return false;
  }
  const missing: number[] = [];
  for (let v = version + 1; v <= manifest.version; v++) if (!manifest.migrations?.[v]) missing.push(v);
  if (missing.length > 0) {
    addIssue(
      check,
      nodeIssue(
        entry,
        'old-node-version',
        `this node is in the old version ${version} format, which this Flowdesk can no longer upgrade (no upgrade to version ${missing[0]}). Recreate the node.`,
        { pointer: `${entry.pointer}/version` },
      ),
    );
  } else {
    addIssue(
      check,
      nodeIssue(
        entry,
        'outdated-node-version',
        `this node is in the version ${version} format; it is upgraded to version ${manifest.version} when the flow is opened and saved`,
        { severity: 'warning', pointer: `${entry.pointer}/version` },
      ),
    );
  }
  return false;
}

function checkConfig(check: FlowCheck, entry: NodeEntry): void {
  const compiled = entry.compiled!;
  if (!entry.config) return; // the envelope schema already said the settings are missing
  if (!compiled.validate) {
    addIssue(
      check,
      nodeIssue(
        entry,
        'manifest-schema',
        `the ${compiled.manifest.title} node type has a broken settings schema, so these settings cannot be checked (${compiled.compileError})`,
      ),
    );
    return;
  }
  if (!compiled.validate(entry.config)) {
    const schema = compiled.manifest.configSchema;
    for (const problem of schemaProblems(compiled.validate.errors, (p) => fieldLabel(schema, p))) {
      addIssue(check, nodeIssue(entry, 'config', problem.message, { field: problem.pointer }));
    }
    return;
  }
  entry.configValid = true;
  // The node's own check runs on settings of the right shape only: checks may rely on it.
  const semantic = compiled.manifest.check;
  if (!semantic) return;
  let found;
  try {
    found = semantic(entry.config);
  } catch (err) {
    addIssue(
      check,
      nodeIssue(
        entry,
        'node-check',
        `the settings could not be checked: ${err instanceof Error ? err.message : String(err)}`,
      ),
    );
    return;
  }
  for (const problem of found)
    addIssue(check, nodeIssue(entry, 'node-check', problem.message, { field: problem.pointer }));
}

export function checkNodes(check: FlowCheck): void {
  checkIdentity(check);
  const known = [...check.compiled.byType.keys()];
  for (const entry of check.nodes) {
    if (entry.type === undefined) continue; // reported by the envelope schema
    if (!entry.compiled) {
      addIssue(
        check,
        nodeIssue(
          entry,
          'unknown-node-type',
          `'${entry.type}' is not a node type this Flowdesk knows (known types: ${known.join(', ')})`,
          { pointer: `${entry.pointer}/type` },
        ),
      );
      continue;
    }
    entry.current = checkVersion(check, entry);
    if (entry.current) checkConfig(check, entry);
  }
}

/** Kind names as an admin reads them: "OAuth 2.0 or Bearer token". */
export function kindWords(kinds: readonly string[]): string {
  const labels = kinds.map((k) => CREDENTIAL_KINDS[k as keyof typeof CREDENTIAL_KINDS]?.label ?? k);
  if (labels.length <= 1) return labels.join('');
  return `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]}`;
}
