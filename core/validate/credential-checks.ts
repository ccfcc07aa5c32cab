/** Credentials: slots the manifest declares, names the flow declares, kinds the slot accepts. */
import type { CredentialSlot } from '../node-type.js';
import type { FlowCheck, NodeEntry } from './context.js';
import { addIssue, flowIssue, nodeIssue } from './context.js';
import { isRecord, joinPointer } from './pointer.js';

function slotKinds(slot: CredentialSlot, entry: NodeEntry): readonly string[] {
  if (!slot.kindsFor || !entry.configValid || !entry.config) return slot.kinds;
  try {
    return slot.kindsFor(entry.config);
  } catch {
    return slot.kinds;
  }
}

function slotRequired(slot: CredentialSlot, entry: NodeEntry): boolean {
  if (typeof slot.required === 'boolean') return slot.required;
  // A config-dependent requirement can only be judged on a config of the right shape.
  if (!entry.configValid || !entry.config) return false;
  try {
    return slot.required(entry.config);
  } catch {
    return false;
  }
}

function checkNodeCredentials(
  check: FlowCheck,
  entry: NodeEntry,
  declared: Record<string, unknown>,
  used: Set<string>,
): void {
  const manifest = entry.compiled!.manifest;
  const bound = entry.credentials ?? {};
  const base = joinPointer(entry.pointer, 'credentials');
  for (const [slotName, value] of Object.entries(bound)) {
    const pointer = joinPointer(base, slotName);
    if (typeof value === 'string') used.add(value);
    const slot = manifest.credentialSlots.find((s) => s.name === slotName);
    if (!slot) {
      addIssue(
        check,
        nodeIssue(
          entry,
          'unknown-credential-slot',
          { slot: slotName, title: manifest.title, slots: manifest.credentialSlots.map((s) => s.name) },
          { pointer },
        ),
      );
      continue;
    }
    if (typeof value !== 'string' || value === '') continue; // the envelope schema reports it
    const declaration = declared[value];
    if (!isRecord(declaration)) {
      addIssue(check, nodeIssue(entry, 'undeclared-credential', { slot: slot.label, name: value }, { pointer }));
      continue;
    }
    const kinds = slotKinds(slot, entry);
    if (typeof declaration.kind === 'string' && !kinds.includes(declaration.kind as never)) {
      addIssue(
        check,
        nodeIssue(
          entry,
          'credential-kind',
          { slot: slot.label, kinds, name: value, kind: declaration.kind },
          { pointer },
        ),
      );
    }
  }
  for (const slot of manifest.credentialSlots) {
    const value = bound[slot.name];
    if ((typeof value !== 'string' || value === '') && slotRequired(slot, entry)) {
      addIssue(
        check,
        nodeIssue(
          entry,
          'credential-missing',
          { slot: slot.label, kinds: slotKinds(slot, entry) },
          { pointer: joinPointer(base, slot.name) },
        ),
      );
    }
  }
}

export function checkCredentials(check: FlowCheck): void {
  const declared = isRecord(check.flow.credentials) ? check.flow.credentials : {};
  const used = new Set<string>();
  for (const entry of check.nodes) {
    // Names bound by nodes that cannot be checked (unknown type, old version) still count as used.
    for (const name of Object.values(entry.credentials ?? {})) if (typeof name === 'string') used.add(name);
    if (entry.compiled && entry.current) checkNodeCredentials(check, entry, declared, used);
  }
  for (const name of Object.keys(declared)) {
    if (used.has(name)) continue;
    addIssue(check, flowIssue('unused-credential', { name }, joinPointer('/credentials', name), 'warning'));
  }
}
