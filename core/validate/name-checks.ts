/**
 * Node names and the names of vars and mapped fields become keys of plain objects
 * (`steps.<name>`, `vars.<name>`); `__proto__`, `constructor` and `prototype` would not (the
 * value vanishes or reads through the prototype), so they are refused (issue 12, item 12).
 */
import { RESERVED_NAMES } from '../own-property.js';
import type { FlowCheck } from './context.js';
import { addIssue, nodeIssue } from './context.js';
import { joinPointer, pointerMatches, stringLeaves } from './pointer.js';
import { fieldLabel } from './schema-words.js';

export function checkReservedNames(check: FlowCheck): void {
  for (const entry of check.nodes) {
    if (entry.name !== undefined && RESERVED_NAMES.has(entry.name.trim())) {
      addIssue(
        check,
        nodeIssue(
          entry,
          'reserved-name',
          { kind: 'node', name: entry.name, reserved: [...RESERVED_NAMES] },
          { pointer: joinPointer(entry.pointer, 'name') },
        ),
      );
    }
    const manifest = entry.compiled?.manifest;
    if (!manifest?.nameFields?.length || !entry.config) continue;
    for (const { pointer, value } of stringLeaves(entry.config)) {
      if (!manifest.nameFields.some((pattern) => pointerMatches(pattern, pointer))) continue;
      if (!RESERVED_NAMES.has(value.trim())) continue;
      addIssue(
        check,
        nodeIssue(
          entry,
          'reserved-name',
          {
            kind: 'field',
            field: fieldLabel(manifest.configSchema, pointer),
            name: value,
            reserved: [...RESERVED_NAMES],
          },
          { field: pointer },
        ),
      );
    }
  }
}
