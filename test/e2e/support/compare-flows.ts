/**
 * Compares the logic of a flow built in the designer with a reference flow: nodes matched by
 * name (type, description, credential bindings, config as JSON regardless of key order),
 * edges by node names, declared credentials (kind and allowed origins), the flow parameters and
 * the test cases' names, parameter values and expectations. Ids, layout and key order are not logic and are ignored. Each
 * difference is one line naming the node and the JSON pointer, so a failing assertion says
 * which field the UI got wrong.
 */
import type { FlowFile } from '../../../core/flow.js';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function show(v: unknown): string {
  if (v === undefined) return '(absent)';
  const text = JSON.stringify(v);
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

/** Lists every pointer where `actual` differs from `expected`. */
export function jsonDifferences(expected: unknown, actual: unknown, pointer = ''): string[] {
  if (isObject(expected) && isObject(actual)) {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
    return keys.flatMap((k) => jsonDifferences(expected[k], actual[k], `${pointer}/${k}`));
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) {
      return [
        `${pointer || '/'}: expected ${expected.length} items ${show(expected)}, got ${actual.length} ${show(actual)}`,
      ];
    }
    return expected.flatMap((e, i) => jsonDifferences(e, actual[i], `${pointer}/${i}`));
  }
  if (JSON.stringify(expected) === JSON.stringify(actual)) return [];
  return [`${pointer || '/'}: expected ${show(expected)}, got ${show(actual)}`];
}

function edgeNames(flow: FlowFile): string[] {
  const name = new Map(flow.nodes.map((n) => [n.id, n.name]));
  return flow.edges.map((e) => `${name.get(e.from) ?? e.from}:${e.port}->${name.get(e.to) ?? e.to}`).sort();
}

export interface CompareOptions {
  /** Also compare node descriptions (set through the inspector's description field). */
  descriptions?: boolean;
}

export function compareFlowLogic(reference: FlowFile, built: FlowFile, options: CompareOptions = {}): string[] {
  const out: string[] = [];
  const builtByName = new Map(built.nodes.map((n) => [n.name, n]));
  const refNames = new Set(reference.nodes.map((n) => n.name));
  for (const ref of reference.nodes) {
    const node = builtByName.get(ref.name);
    if (!node) {
      out.push(`node ${ref.name} (${ref.type}): missing from the built flow`);
      continue;
    }
    const at = `node ${ref.name}`;
    if (node.type !== ref.type) out.push(`${at}: type expected ${ref.type}, got ${node.type}`);
    if (node.version !== ref.version) out.push(`${at}: version expected ${ref.version}, got ${node.version}`);
    if (options.descriptions && (node.description ?? '') !== (ref.description ?? '')) {
      out.push(`${at}: description expected ${show(ref.description)}, got ${show(node.description)}`);
    }
    for (const d of jsonDifferences(ref.credentials ?? {}, node.credentials ?? {})) out.push(`${at}: credentials${d}`);
    for (const d of jsonDifferences(ref.config, node.config)) out.push(`${at}: config${d}`);
  }
  for (const node of built.nodes) {
    if (!refNames.has(node.name)) out.push(`node ${node.name} (${node.type}): not in the reference flow`);
  }

  const refEdges = edgeNames(reference);
  const builtEdges = edgeNames(built);
  for (const e of refEdges) if (!builtEdges.includes(e)) out.push(`edge ${e}: missing`);
  for (const e of builtEdges) if (!refEdges.includes(e)) out.push(`edge ${e}: not in the reference flow`);

  const refCreds = reference.credentials ?? {};
  const builtCreds = built.credentials ?? {};
  for (const [name, decl] of Object.entries(refCreds)) {
    const got = builtCreds[name];
    if (!got) {
      out.push(`credential ${name}: not declared`);
      continue;
    }
    if (got.kind !== decl.kind) out.push(`credential ${name}: kind expected ${decl.kind}, got ${got.kind}`);
    const wantOrigins = [...(decl.allowedOrigins ?? [])].sort();
    const gotOrigins = [...(got.allowedOrigins ?? [])].sort();
    if (JSON.stringify(wantOrigins) !== JSON.stringify(gotOrigins)) {
      out.push(`credential ${name}: allowedOrigins expected ${show(wantOrigins)}, got ${show(gotOrigins)}`);
    }
  }
  for (const name of Object.keys(builtCreds))
    if (!(name in refCreds)) out.push(`credential ${name}: not in the reference flow`);

  for (const d of jsonDifferences(reference.params ?? {}, built.params ?? {})) out.push(`params${d}`);

  const refTests = reference.tests ?? [];
  const builtTests = new Map((built.tests ?? []).map((t) => [t.name, t]));
  for (const test of refTests) {
    const got = builtTests.get(test.name);
    if (!got) {
      out.push(`test "${test.name}": missing`);
      continue;
    }
    for (const d of jsonDifferences(test.expect ?? {}, got.expect ?? {})) out.push(`test "${test.name}": expect${d}`);
    for (const d of jsonDifferences(test.params ?? {}, got.params ?? {})) out.push(`test "${test.name}": params${d}`);
    const refResponses = Object.keys(test.responses ?? {}).sort();
    const gotResponses = Object.keys(got.responses ?? {}).sort();
    if (JSON.stringify(refResponses) !== JSON.stringify(gotResponses)) {
      out.push(`test "${test.name}": responses for ${show(gotResponses)}, expected ${show(refResponses)}`);
    }
  }
  if ((built.tests ?? []).length !== refTests.length) {
    out.push(`tests: expected ${refTests.length} cases, got ${(built.tests ?? []).length}`);
  }
  return out;
}
