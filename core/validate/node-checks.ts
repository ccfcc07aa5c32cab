/** Per-node checks: ids and names unique, type known, version readable, config valid. */
import { message } from '../messages/make.js';
import type { Message } from '../messages/message.js';
import type { NodeConfigIssue } from '../node-type.js';
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
          nodeIssue(entry, 'duplicate-node-id', { id: entry.id, first: first.ref }, { pointer: `${entry.pointer}/id` }),
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
            { name: entry.name, first: first.index + 1 },
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
        { title: manifest.title, version, known: manifest.version },
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
      nodeIssue(entry, 'old-node-version', { version, missing: missing[0]! }, { pointer: `${entry.pointer}/version` }),
    );
  } else {
    addIssue(
      check,
      nodeIssue(
        entry,
        'outdated-node-version',
        { version, target: manifest.version },
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
      nodeIssue(entry, 'manifest-schema', { title: compiled.manifest.title, error: String(compiled.compileError) }),
    );
    return;
  }
  if (!compiled.validate(entry.config)) {
    const schema = compiled.manifest.configSchema;
    for (const problem of schemaProblems(compiled.validate.errors, (p) => fieldLabel(schema, p))) {
      addIssue(check, nodeIssue(entry, 'config', { detail: problem.detail }, { field: problem.pointer }));
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
      nodeIssue(entry, 'node-check', {
        detail: message('node-check.failed', { error: err instanceof Error ? err.message : String(err) }),
      }),
    );
    return;
  }
  for (const problem of found)
    addIssue(check, nodeIssue(entry, 'node-check', { detail: checkDetail(problem) }, { field: problem.pointer }));
}

export function checkNodes(check: FlowCheck): void {
  checkIdentity(check);
  const known = [...check.compiled.byType.keys()];
  for (const entry of check.nodes) {
    if (entry.type === undefined) continue; // reported by the envelope schema
    if (!entry.compiled) {
      addIssue(
        check,
        nodeIssue(entry, 'unknown-node-type', { type: entry.type, known }, { pointer: `${entry.pointer}/type` }),
      );
      continue;
    }
    entry.current = checkVersion(check, entry);
    if (entry.current) checkConfig(check, entry);
  }
}

/** A node type's own problem as a message: its code when it gives one, else its words as they are. */
function checkDetail(problem: NodeConfigIssue): Message {
  if (problem.code === undefined) return message('text', { text: problem.message });
  return { code: problem.code, params: problem.params ?? {}, message: problem.message };
}
