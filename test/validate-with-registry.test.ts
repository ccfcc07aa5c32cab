/**
 * core's validator, schema and writer against the real node registry and the reference
 * flows in flows/ (core's own tests use small fake manifests).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newFlow, writeFlow } from '../core/canonical.js';
import type { FlowFile } from '../core/flow.js';
import { createAjv } from '../core/schema/ajv.js';
import { buildFlowSchema } from '../core/schema/flow-schema.js';
import { loadFlowText } from '../core/validate/load-flow.js';
import { validateFlow } from '../core/validate/validate-flow.js';
import { manifestFor, NODE_MANIFESTS } from '../nodes/registry.js';

const flowsDir = join(import.meta.dirname, '..', 'flows');
const flowFiles = readdirSync(flowsDir).filter((f) => f.endsWith('.flow.json'));
const errorsOf = (issues: { severity: string; message: string }[]) =>
  issues.filter((i) => i.severity === 'error').map((i) => i.message);

describe('validator with the real registry', () => {
  it.each(flowFiles)('%s loads without errors and is canonical', (file) => {
    const text = readFileSync(join(flowsDir, file), 'utf8');
    const result = loadFlowText(text, NODE_MANIFESTS, file);
    expect(errorsOf(result.issues)).toEqual([]);
    expect(result.migrated).toEqual([]);
    expect(result.canonical).toBe(text);
  });

  it.each(flowFiles)('%s matches the published JSON Schema', (file) => {
    const schema = buildFlowSchema(NODE_MANIFESTS);
    const validate = createAjv([schema]).compile(schema);
    const ok = validate(JSON.parse(readFileSync(join(flowsDir, file), 'utf8')));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it("every node type's defaults match its schema (check() may still ask for fields to be filled in)", () => {
    const trigger = NODE_MANIFESTS.find((m) => m.triggerKind)!;
    const flow: FlowFile = newFlow('All types', { trigger });
    let previous = flow.nodes[0]!;
    for (const manifest of NODE_MANIFESTS.filter((m) => !m.triggerKind)) {
      const node = {
        id: `n-${manifest.type}`,
        type: manifest.type,
        version: manifest.version,
        name: manifest.type,
        config: structuredClone(manifest.defaults),
      };
      flow.nodes.push(node);
      const prevManifest = manifestFor(previous.type)!;
      // Chained past a loop's body (through Done), so every type is in the run's own path.
      const port = prevManifest.ports.find((p) => p !== prevManifest.bodyPort)!;
      flow.edges.push({ from: previous.id, port, to: node.id });
      previous = node;
    }
    const issues = validateFlow(flow, NODE_MANIFESTS).filter(
      (i) => i.code !== 'credential-missing' && i.code !== 'node-check',
    );
    expect(errorsOf(issues)).toEqual([]);
    expect(writeFlow(JSON.parse(writeFlow(flow)))).toBe(writeFlow(flow));
  });

  it('words Web Service config errors with the field titles', () => {
    const web = manifestFor('webService')!;
    const trigger = NODE_MANIFESTS.find((m) => m.triggerKind)!;
    const flow = newFlow('Bad', { trigger });
    const config: Record<string, unknown> = { ...structuredClone(web.defaults), method: 'FETCH' };
    delete config.url;
    flow.nodes.push({ id: 'n-ws', type: 'webService', version: web.version, name: 'getDetails', config });
    flow.edges.push({ from: flow.nodes[0]!.id, port: trigger.ports[0]!, to: 'n-ws' });
    expect(errorsOf(validateFlow(flow, NODE_MANIFESTS))).toEqual(
      expect.arrayContaining([
        "Web Service 'getDetails': URL is required",
        "Web Service 'getDetails': Method must be one of GET, PUT, POST, PATCH, DELETE",
      ]),
    );
  });
});

describe('vars.X is checked like steps.X', () => {
  const reference = (): FlowFile =>
    JSON.parse(readFileSync(join(flowsDir, 'servicenow-case-on-call.flow.json'), 'utf8')) as FlowFile;
  const varIssues = (flow: FlowFile) =>
    validateFlow(flow, NODE_MANIFESTS).filter((i) => i.code === 'unknown-var' || i.code === 'var-not-upstream');

  it('the reference flow uses only mapped vars', () => {
    expect(varIssues(reference())).toEqual([]);
  });

  it('deleting the Web Service that maps contactSysId flags the Ticket that reads it, naming node, field and variable', () => {
    const flow = reference();
    flow.nodes = flow.nodes.filter((n) => n.name !== 'findContact');
    flow.edges = [{ from: 'n-trigger', port: 'out', to: 'n-case' }];
    const issues = varIssues(flow);
    expect(issues.length).toBeGreaterThan(0);
    const issue = issues[0]!;
    expect(issue).toMatchObject({ code: 'unknown-var', nodeId: 'n-case', severity: 'error' });
    expect(issue.message).toMatch(
      /^Ticket 'createCase': .+ uses vars\.contactSysId, but no node puts a field named 'contactSysId' into vars/,
    );
    expect(issue.pointer).toMatch(/^\/nodes\/\d+\/config\//);
  });

  it('a mapping on a node that does not run before is named', () => {
    const flow = reference();
    // The lookup now runs after the case: its mapping exists, but too late.
    flow.edges = [
      { from: 'n-trigger', port: 'out', to: 'n-case' },
      { from: 'n-case', port: 'success', to: 'n-lookup' },
    ];
    const issues = varIssues(flow);
    expect(issues.map((i) => i.code)).toContain('var-not-upstream');
    expect(issues.find((i) => i.code === 'var-not-upstream')!.message).toContain(
      "uses vars.contactSysId, which Web Service 'findContact' maps, but it does not run before this node",
    );
  });

  it('a webhook field is a var for every node after the trigger', () => {
    const flow = reference();
    const trigger = flow.nodes.find((n) => n.type === 'webhookTrigger')!;
    const lookup = flow.nodes.find((n) => n.name === 'findContact')!;
    const fields = trigger.config.fields as { name: string }[];
    expect(fields.map((f) => f.name)).toContain('caller');
    lookup.config.url = 'https://example.service-now.com/api/now/table/customer_contact?phone={{ vars.caller }}';
    expect(varIssues(flow)).toEqual([]);
    (trigger.config.fields as unknown[]) = fields.filter((f) => f.name !== 'caller');
    const messages = varIssues(flow).map((i) => i.message);
    expect(messages.length).toBeGreaterThan(0);
    for (const text of messages)
      expect(text).toContain("uses vars.caller, but no node puts a field named 'caller' into vars");
  });
});
