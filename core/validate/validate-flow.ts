/**
 * Validates a parsed (and migrated) flow against the envelope schema and the node types'
 * manifests. Every issue names the node and the field in words, with a JSON pointer.
 */
import type { AnyNodeTypeManifest } from '../node-type.js';
import type { FlowIssue } from '../validation-types.js';
import { compileManifests } from './compiled-manifests.js';
import type { FlowCheck } from './context.js';
import { flowIssue, nodeEntries, stringOr } from './context.js';
import { message } from '../messages/make.js';
import type { Message } from '../messages/message.js';
import { checkBodies } from './body-checks.js';
import { checkBranchesThatCreate } from './branch-checks.js';
import { checkCredentials } from './credential-checks.js';
import { checkPathRequirements } from './path-checks.js';
import { checkGraph } from './graph-checks.js';
import { checkParams } from './param-checks.js';
import { checkNodes } from './node-checks.js';
import { checkReservedNames } from './name-checks.js';
import { checkCredentialOrigins } from './origin-checks.js';
import { isRecord, pointerSegments } from './pointer.js';
import { fieldLabels, schemaProblems } from './schema-words.js';
import { checkSecrets } from './secret-checks.js';
import { checkTemplates } from './template-checks.js';
import { checkTests } from './test-checks.js';

interface Owner {
  /** What messages name first, e.g. "Web Service 'getDetails'"; none for the flow itself. */
  label?: Message;
  /** How many pointer segments the owner itself takes (`/nodes/2` → 2). */
  depth: number;
  nodeId?: string;
}

function ownerOf(check: FlowCheck, pointer: string): Owner {
  const [section, key] = pointerSegments(pointer);
  if (section === 'nodes' && key !== undefined) {
    const entry = check.nodes[Number(key)];
    const label = entry
      ? message('owner.node', { node: entry.ref })
      : message('owner.node-number', { number: Number(key) + 1 });
    return { label, depth: 2, nodeId: entry?.id };
  }
  if (section === 'edges' && key !== undefined)
    return { label: message('owner.edge', { number: Number(key) + 1 }), depth: 2 };
  if (section === 'tests' && key !== undefined) {
    const tests = Array.isArray(check.flow.tests) ? check.flow.tests : [];
    const test = tests[Number(key)];
    const name = isRecord(test) ? stringOr(test.name) : undefined;
    const ref = name ? { index: Number(key), name } : { index: Number(key) };
    return { label: message('owner.test', { test: ref }), depth: 2 };
  }
  if (section === 'credentials' && key !== undefined)
    return { label: message('owner.credential', { name: key }), depth: 2 };
  return { depth: 0 };
}

function checkEnvelope(check: FlowCheck): void {
  const { envelope, envelopeSchema } = check.compiled;
  if (envelope(check.flow)) return;
  const label = (pointer: string) => {
    const owner = ownerOf(check, pointer);
    const words = fieldLabels(envelopeSchema, pointer).slice(owner.depth);
    if (words.length > 0) return words.join(' › ');
    return owner.depth > 0 ? 'It' : 'The flow';
  };
  for (const problem of schemaProblems(envelope.errors, label)) {
    // Node configs are checked against their own type's schema, with better words.
    if (/^\/nodes\/\d+\/config\//.test(problem.pointer)) continue;
    const owner = ownerOf(check, problem.pointer);
    const issue = flowIssue(
      'schema',
      owner.label ? { owner: owner.label, detail: problem.detail } : { detail: problem.detail },
      problem.pointer,
    );
    if (owner.nodeId !== undefined) issue.nodeId = owner.nodeId;
    check.issues.push(issue);
  }
}

/** All problems of a flow, errors and warnings, in the order the checks find them. */
export function validateFlow(value: unknown, manifests: readonly AnyNodeTypeManifest[]): FlowIssue[] {
  if (!isRecord(value)) {
    return [flowIssue('not-a-flow', {}, '')];
  }
  const compiled = compileManifests(manifests);
  const check: FlowCheck = {
    flow: value,
    compiled,
    nodes: nodeEntries(value, compiled),
    byId: new Map(),
    byName: new Map(),
    issues: [],
  };
  checkEnvelope(check);
  checkNodes(check);
  const graph = checkGraph(check);
  checkBodies(check, graph);
  checkBranchesThatCreate(check, graph);
  checkPathRequirements(check);
  checkParams(check);
  checkTemplates(check, graph);
  checkSecrets(check);
  checkCredentialOrigins(check);
  checkReservedNames(check);
  checkCredentials(check);
  checkTests(check);
  return check.issues;
}

export function hasErrors(issues: readonly FlowIssue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}
