/**
 * Templates and expressions in node configs: they must parse, every `steps.X` they read must
 * name a node that runs before this one, and every `vars.X` a field that a node before this
 * one puts into `vars` (as its manifest's `varsOut` declares).
 *
 * Loops (body-checks.ts): a step inside a loop's body runs once per item, so it is readable
 * only in that body (and in the loop's own per-item fields, `"x-scope": "body"`); `item` and
 * `index` exist only there, and the loop's own output only after it.
 */
import { jsonataSyntaxError } from '../expressions/jsonata-compile.js';
import { hasTemplate, parseTemplate } from '../expressions/parse-template.js';
import { expressionReferences, mergeReferences, type ExpressionReferences } from '../expressions/references.js';
import type { FlowCheck, NodeEntry } from './context.js';
import { addIssue, nodeIssue } from './context.js';
import { afterPort } from './body-checks.js';
import type { FlowGraph } from './graph-checks.js';
import { inBodyScope, templateModeAt } from '../template-fields.js';
import { isRecord, stringLeaves } from './pointer.js';
import { fieldLabel } from './schema-words.js';

function oneLine(message: string): string {
  return message.replace(/\s+/g, ' ').trim();
}

/** Which nodes put each name into `vars`; undefined when some node's type is unknown (its vars are too). */
function varProducers(check: FlowCheck): Map<string, NodeEntry[]> | undefined {
  if (check.varProducers !== undefined) return check.varProducers ?? undefined;
  const out = new Map<string, NodeEntry[]>();
  let known = true;
  for (const entry of check.nodes) {
    if (!entry.compiled) {
      known = false;
      break;
    }
    const produce = entry.compiled.manifest.varsOut;
    if (!produce || !entry.config) continue;
    let names: string[];
    try {
      names = produce(entry.config);
    } catch {
      names = []; // a half-edited config; its own schema issues say what is wrong
    }
    for (const name of names) out.set(name, [...(out.get(name) ?? []), entry]);
  }
  check.varProducers = known ? out : null;
  return check.varProducers ?? undefined;
}

function checkVars(
  check: FlowCheck,
  graph: FlowGraph,
  entry: NodeEntry,
  field: string,
  label: () => string,
  names: readonly string[],
): void {
  if (names.length === 0) return;
  const producers = varProducers(check);
  if (!producers) return;
  for (const name of names) {
    const from = producers.get(name) ?? [];
    if (from.length === 0) {
      addIssue(check, nodeIssue(entry, 'unknown-var', { field: label(), name }, { field }));
      continue;
    }
    const upstream = from.some(
      (p) => p !== entry && p.id !== undefined && entry.id !== undefined && graph.isUpstream(p.id, entry.id),
    );
    if (!upstream) {
      addIssue(
        check,
        nodeIssue(entry, 'var-not-upstream', { field: label(), name, producers: from.map((p) => p.ref) }, { field }),
      );
    }
  }
}

/** Where a field is evaluated: in an iteration of `loop` (inside its body, or `afterBody` in the loop's own per-item field), or once. */
interface FieldPlace {
  loop: NodeEntry | undefined;
  afterBody: boolean;
}

/** The problem with reading `target`'s output from a field evaluated at `place`, if loops make one; `ok` when the body makes it readable. */
function loopProblem(
  check: FlowCheck,
  entry: NodeEntry,
  target: NodeEntry,
  place: FieldPlace,
): 'ok' | 'in-body' | 'loop-output' | undefined {
  const targetLoop = target.id !== undefined ? check.bodyOf?.get(target.id) : undefined;
  if (place.loop !== undefined && target === place.loop && target !== entry) return 'loop-output';
  if (targetLoop !== undefined && targetLoop !== place.loop) return 'in-body';
  // The loop's per-item field reads its body's steps after they ran.
  if (place.afterBody && targetLoop === place.loop) return 'ok';
  return undefined;
}

function checkReferences(
  check: FlowCheck,
  graph: FlowGraph,
  entry: NodeEntry,
  field: string,
  label: () => string,
  refs: ExpressionReferences,
  place: FieldPlace,
): void {
  if (refs.item && place.loop === undefined) {
    addIssue(check, nodeIssue(entry, 'item-outside-loop', { field: label() }, { field, severity: 'warning' }));
  }
  for (const name of refs.steps) {
    const target = check.byName.get(name);
    const problem = target ? loopProblem(check, entry, target, place) : undefined;
    if (!target) {
      addIssue(check, nodeIssue(entry, 'unknown-step', { field: label(), name }, { field }));
    } else if (problem === 'ok') {
      continue;
    } else if (problem === 'in-body') {
      const loop = check.bodyOf!.get(target.id!)!;
      addIssue(
        check,
        nodeIssue(
          entry,
          'step-in-loop-body',
          { field: label(), name, loop: loop.ref, loopName: loop.name ?? '' },
          { field },
        ),
      );
    } else if (problem === 'loop-output') {
      addIssue(
        check,
        nodeIssue(
          entry,
          'loop-output-in-body',
          { field: label(), name, loop: target.ref, ...afterPort(target) },
          { field },
        ),
      );
    } else if (target === entry) {
      addIssue(check, nodeIssue(entry, 'not-upstream', { field: label(), name, self: true }, { field }));
    } else if (entry.id === undefined || target.id === undefined || !graph.isUpstream(target.id, entry.id)) {
      addIssue(check, nodeIssue(entry, 'not-upstream', { field: label(), name, self: false }, { field }));
    } else if (!graph.onEveryPath(target.id, entry.id)) {
      // Upstream on one branch only: where branches join, the other branch arrives without it.
      addIssue(
        check,
        nodeIssue(entry, 'step-on-some-branches', { field: label(), name }, { field, severity: 'warning' }),
      );
    }
  }
  checkVars(check, graph, entry, field, label, refs.vars);
  const declared = isRecord(check.flow.params) ? check.flow.params : {};
  for (const name of refs.params) {
    if (!Object.prototype.hasOwnProperty.call(declared, name)) {
      const known = Object.keys(declared);
      addIssue(check, nodeIssue(entry, 'unknown-param', { field: label(), name, known }, { field }));
    }
  }
}

/** Checks one node's config strings that are templates or expressions. */
function checkNodeTemplates(check: FlowCheck, graph: FlowGraph, entry: NodeEntry): void {
  const manifest = entry.compiled!.manifest;
  const bodyLoop = entry.id !== undefined ? check.bodyOf?.get(entry.id) : undefined;
  for (const { pointer, value } of stringLeaves(entry.config)) {
    // The schema's `x-template` says how the string is read; undeclared strings are checked
    // as templates (an admin may have typed {{ }} anywhere, and a broken one should be named).
    const mode = templateModeAt(manifest.configSchema, pointer);
    if (mode === 'none') continue;
    const label = () => fieldLabel(manifest.configSchema, pointer);
    const refs: ExpressionReferences = {
      steps: [],
      trigger: false,
      vars: [],
      params: [],
      item: false,
      wholeSteps: false,
      wholeVars: false,
    };
    if (mode === 'expression') {
      if (value.trim() === '') continue; // emptiness is the schema's call
      const braced = /^\s*\{\{([\s\S]*)\}\}\s*$/.exec(value);
      if (braced && !jsonataSyntaxError(braced[1]!.trim())) {
        addIssue(
          check,
          nodeIssue(
            entry,
            'expression-syntax',
            { field: label(), kind: 'braced', expression: braced[1]!.trim() },
            { field: pointer },
          ),
        );
        continue;
      }
      const failure = jsonataSyntaxError(value);
      if (failure) {
        addIssue(
          check,
          nodeIssue(
            entry,
            'expression-syntax',
            {
              field: label(),
              kind: 'invalid',
              error: oneLine(failure.message),
              ...(failure.detail ? { detail: failure.detail } : {}),
              ...(failure.position !== undefined ? { position: failure.position } : {}),
            },
            { field: pointer },
          ),
        );
        continue;
      }
      mergeReferences(refs, expressionReferences(value));
    } else {
      if (!hasTemplate(value)) continue;
      const parsed = parseTemplate(value);
      for (const error of parsed.errors) {
        addIssue(
          check,
          nodeIssue(
            entry,
            'template-syntax',
            {
              field: label(),
              at: error.offset + 1,
              error: error.message,
              ...(error.detail ? { detail: error.detail } : {}),
            },
            { field: pointer },
          ),
        );
      }
      if (parsed.errors.length > 0) continue;
      for (const part of parsed.parts)
        if (part.kind === 'expr') mergeReferences(refs, expressionReferences(part.source));
    }
    const afterBody = manifest.bodyPort !== undefined && inBodyScope(manifest.configSchema, pointer);
    checkReferences(check, graph, entry, pointer, label, refs, { loop: afterBody ? entry : bodyLoop, afterBody });
  }
}

export function checkTemplates(check: FlowCheck, graph: FlowGraph): void {
  for (const entry of check.nodes) {
    if (!entry.compiled || !entry.config || !entry.current) continue;
    checkNodeTemplates(check, graph, entry);
  }
}
