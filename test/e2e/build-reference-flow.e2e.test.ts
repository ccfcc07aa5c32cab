/**
 * The designer's acceptance test (issue 3): from an empty canvas, build the reference
 * Qualtrics–Genesys post-interaction flow entirely through the UI in Chromium — drag each
 * node from the palette, rename it, fill its form in the inspector, bind credentials with the
 * picker, wire the ports, add the test cases in the test bench — export it with the toolbar
 * button, then run the exported file with `flowdesk test`: every case must pass, and the
 * exported logic must equal the reference's, field by field.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CREDENTIAL_KINDS, type CredentialKind } from '../../core/credentials.js';
import type { FlowFile, FlowTest } from '../../core/flow.js';
import { chromiumAvailable, INSTALL_HINT } from './support/chromium.js';
import { compareFlowLogic } from './support/compare-flows.js';
import { startDesigner, type DesignerSession } from './support/designer.js';
import { OUTPUT_DIR, REPO_ROOT } from './support/paths.js';
import { configOf, nodeByName, readReference } from './support/reference.js';
import {
  addArrayItem,
  canvasEdges,
  canvasNodeNames,
  chooseOption,
  clickEmptyCanvas,
  connect,
  dragFromPalette,
  failureShot,
  fillField,
  fillPlainText,
  fitView,
  panNodeTo,
  pressExport,
  problems,
  renameSelected,
  selectNode,
  showTestBench,
  typeInMonaco,
  waitUntil,
} from './support/ui.js';

const available = chromiumAvailable();
if (!available) console.warn(`[e2e] skipped: ${INSTALL_HINT}`);

const reference = readReference();

/** Where each node is dropped (pixels from the canvas's top left): two rows of four. */
const DROP_AT: Record<string, { x: number; y: number }> = {
  surveyResponse: { x: 140, y: 110 },
  notConnectedWithConversation: { x: 440, y: 110 },
  getConversation: { x: 740, y: 110 },
  cleanConversation: { x: 1040, y: 110 },
  getAgent: { x: 140, y: 390 },
  updateSurveyResponse: { x: 440, y: 390 },
  isDissatisfied: { x: 740, y: 390 },
  openTicket: { x: 1040, y: 390 },
};

/** Non-secret stand-ins for credential fields typed into the vault dialog. */
function credentialFieldValue(kind: CredentialKind, field: string): string {
  if (field === 'tokenUrl') return 'https://login.mypurecloud.com/oauth/token';
  if (field === 'email') return 'admin@example.com';
  if (field === 'subdomain') return 'example';
  return `e2e-${kind}-${field}-placeholder`;
}

describe.skipIf(!available)('designer: build the reference Qualtrics–Genesys flow through the UI', () => {
  let s: DesignerSession;
  let page: Page;
  let exportedPath = '';
  let exported: FlowFile;

  beforeAll(async () => {
    mkdirSync(OUTPUT_DIR, { recursive: true });
    s = await startDesigner({ width: 1920, height: 1080 });
    page = s.page;
  });

  // A failed step leaves a picture of the page in test-output/e2e/ (CI keeps it as an artefact).
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail')
      await page?.screenshot({ path: failureShot(ctx.task.name) }).catch(() => undefined);
  });

  afterAll(async () => {
    if (page && s?.errors.length) console.warn(`[e2e] browser/server errors:\n${s.errors.join('\n')}`);
    await s?.close();
  });

  /** Drops a node of `type`, renames it to `name` and gives it its reference description. */
  async function place(type: string, name: string): Promise<void> {
    const at = DROP_AT[name]!;
    const given = await dragFromPalette(page, type, at);
    // The canvas centres the first node of an empty flow; put it back where it was dropped.
    if (type === 'webhookTrigger') await panNodeTo(page, given, { x: at.x - 120, y: at.y - 40 });
    await renameSelected(page, given, name);
    const description = nodeByName(reference, name).description;
    if (description) await fillField(page, '[data-testid="node-description-input"]', description);
  }

  /**
   * Picks the credential for the inspected node's `auth` slot: an existing one from the list,
   * or "New credential…", which creates it in the vault (with allowed origins) and binds it.
   */
  async function bindCredential(name: string): Promise<void> {
    const picker = page.getByTestId('credential-auth');
    await picker.scrollIntoViewIfNeeded();
    const options = await picker.locator('option').evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
    if (options.includes(name)) {
      await picker.selectOption(name);
    } else {
      const decl = reference.credentials![name]!;
      await picker.selectOption('__new__');
      const dialog = page.getByTestId('credentials-dialog');
      await dialog.waitFor();
      await dialog.locator('#cred-name').fill(name);
      await dialog.locator('#cred-kind').selectOption(decl.kind);
      for (const f of CREDENTIAL_KINDS[decl.kind].fields) {
        if (!f.required) continue;
        await dialog.locator(`#cred-field-${f.name}`).fill(credentialFieldValue(decl.kind, f.name));
      }
      await dialog.locator('#cred-origins').fill((decl.allowedOrigins ?? []).join('\n'));
      await dialog.getByTestId('cred-save').click();
      await dialog.waitFor({ state: 'detached' });
    }
    await waitUntil(
      `credential ${name} to be bound`,
      () => picker.inputValue(),
      (v) => v === name,
    );
  }

  async function fillWebService(name: string): Promise<void> {
    const c = configOf(reference, name);
    await chooseOption(page, '#root_method', c.method);
    await fillField(page, '#root_url', c.url);
    await chooseOption(page, '#root_auth_type', c.auth.type);
    if (c.auth.headerName) await fillField(page, '#root_auth_headerName', c.auth.headerName);
    if (c.body.type !== 'none') {
      await chooseOption(page, '#root_body_type', c.body.type);
      await typeInMonaco(page, page.getByTestId('json-_body_json'), JSON.stringify(c.body.json, null, 2));
    }
    for (const [i, row] of (c.mapping as { path: string; field: string; default?: unknown }[]).entries()) {
      await addArrayItem(page, 'root_mapping', i, 'root_mapping_{i}_path');
      await fillField(page, `#root_mapping_${i}_path`, row.path);
      await fillField(page, `#root_mapping_${i}_field`, row.field);
      if (row.default !== undefined) await fillField(page, `#root_mapping_${i}_default`, JSON.stringify(row.default));
    }
    await bindCredential(nodeByName(reference, name).credentials!.auth!);
  }

  async function fillCondition(name: string): Promise<void> {
    const c = configOf(reference, name);
    for (const [i, rule] of (c.rules as { left: string; operator: string; right?: unknown }[]).entries()) {
      await addArrayItem(page, 'root_rules', i, 'root_rules_{i}_left');
      await fillField(page, `#root_rules_${i}_left`, rule.left);
      await chooseOption(page, `#root_rules_${i}_operator`, rule.operator);
      if (rule.right !== undefined) await fillField(page, `#root_rules_${i}_right`, String(rule.right));
    }
  }

  it('starts from an empty canvas', async () => {
    expect(await canvasNodeNames(page)).toEqual([]);
  });

  it('drops, names and configures the webhook trigger', async () => {
    await place('webhookTrigger', 'surveyResponse');
    const c = configOf(reference, 'surveyResponse');
    await chooseOption(page, '#root_auth_type', c.auth.type);
    await fillField(page, '#root_auth_headerName', c.auth.headerName);
    await typeInMonaco(page, page.getByTestId('json-_inputSchema'), JSON.stringify(c.inputSchema, null, 2));
    for (const [i, field] of (c.fields as { name: string; path: string }[]).entries()) {
      await addArrayItem(page, 'root_fields', i, 'root_fields_{i}_name');
      await fillField(page, `#root_fields_${i}_name`, field.name);
      await fillField(page, `#root_fields_${i}_path`, field.path);
    }
    // A text box, or (when the form draws it as raw text) an editor with a plain-text mode.
    if (await page.locator('input#root_samplePayload').count())
      await fillField(page, '#root_samplePayload', c.samplePayload);
    else await fillPlainText(page, 'code-_samplePayload', c.samplePayload);
    await bindCredential(nodeByName(reference, 'surveyResponse').credentials!.auth!);
  });

  it('drops and configures the first condition', async () => {
    await place('condition', 'notConnectedWithConversation');
    await fillCondition('notConnectedWithConversation');
  });

  it('drops and configures the Genesys conversation call', async () => {
    await place('webService', 'getConversation');
    await fillWebService('getConversation');
  });

  it('drops the Code task and types its source in Monaco', async () => {
    await place('code', 'cleanConversation');
    const c = configOf(reference, 'cleanConversation');
    await typeInMonaco(page, page.getByTestId('code-_source'), c.source);
  });

  it('drops and configures the Genesys user call and the Qualtrics update', async () => {
    await place('webService', 'getAgent');
    await fillWebService('getAgent');
    await place('webService', 'updateSurveyResponse');
    await fillWebService('updateSurveyResponse');
  });

  it('drops and configures the CSAT condition', async () => {
    await place('condition', 'isDissatisfied');
    await fillCondition('isDissatisfied');
  });

  it('drops and configures the Zendesk ticket', async () => {
    await place('ticket', 'openTicket');
    const c = configOf(reference, 'openTicket');
    await chooseOption(page, '#root_provider', c.provider);
    await chooseOption(page, '#root_operation', c.operation);
    await fillField(page, '#root_baseUrl', c.baseUrl);
    await fillField(page, '#root_subject', c.subject);
    // The reference has no description: empty the field so the key goes away.
    await fillField(page, '#root_description', 'x');
    await fillField(page, '#root_description', '');
    await fillField(page, '#root_comment_body', c.comment.body);
    await fillField(page, '#root_priority', c.priority);
    for (const [i, tag] of (c.tags as string[]).entries()) {
      await addArrayItem(page, 'root_tags', i, 'root_tags_{i}');
      await fillField(page, `#root_tags_${i}`, tag);
    }
    await fillField(page, '#root_requester_name', c.requester.name);
    await fillField(page, '#root_requester_email', c.requester.email);
    await fillField(page, '#root_timeoutMs', String(c.timeoutMs));
    // Absent in the reference (1 MB is the default then): cleared, the key goes away.
    if (c.maxResponseBytes === undefined) await fillField(page, '#root_maxResponseBytes', '');
    await bindCredential(nodeByName(reference, 'openTicket').credentials!.auth!);
  });

  it('wires the ports by dragging from handle to handle', async () => {
    await fitView(page);
    const name = new Map(reference.nodes.map((n) => [n.id, n.name]));
    for (const e of reference.edges) {
      await connect(page, name.get(e.from)!, e.port, name.get(e.to)!);
    }
    const want = reference.edges.map((e) => `${name.get(e.from)}:${e.port}->${name.get(e.to)}`).sort();
    expect(await canvasEdges(page)).toEqual(want);
  });

  it('names the flow in the flow settings', async () => {
    await clickEmptyCanvas(page);
    await fillField(page, '[data-testid="flow-name-input"]', reference.name);
    if (reference.description) await fillField(page, '[data-testid="flow-description-input"]', reference.description);
  });

  it('declares the flow parameters in the flow settings, by typing', async () => {
    await clickEmptyCanvas(page);
    const settings = page.getByTestId('flow-params');
    /** Clicks the field labelled `label` (within `scope`), types `text`, and commits with Enter. */
    const typeInto = async (scope: Locator, label: string, text: string) => {
      const field = scope.getByLabel(label, { exact: true });
      await field.scrollIntoViewIfNeeded();
      await field.click();
      await page.keyboard.type(text);
      await page.keyboard.press('Enter');
    };
    for (const [name, param] of Object.entries(reference.params ?? {})) {
      await typeInto(settings, 'New parameter name', name);
      const row = settings.locator(`[data-testid="flow-param-row"][data-param="${name}"]`);
      await row.waitFor();
      await row.getByLabel('Type', { exact: true }).selectOption(param.type);
      if (param.default !== undefined) await typeInto(row, 'Default value', String(param.default));
      if (param.enum) await typeInto(row, 'Allowed values', param.enum.join(', '));
      if (param.description) await typeInto(row, 'Description', param.description);
    }
    await page.screenshot({ path: join(OUTPUT_DIR, 'reference-flow-params.png') });
  });

  it('adds the reference test cases in the test bench', async () => {
    await showTestBench(page);
    for (const test of reference.tests ?? []) await addTestCase(page, test);
    const cases = await page.$$eval('[data-testid^="test-case-"]', (els) =>
      els.map((e) => (e as HTMLElement).innerText.trim()),
    );
    expect(cases).toEqual((reference.tests ?? []).map((t) => t.name));
  });

  it('runs the cases in the test bench: all pass', async () => {
    await showTestBench(page);
    await page.getByTestId('tb-run-all').click();
    const summary = page.getByTestId('tb-summary');
    await summary.waitFor({ timeout: 90_000 });
    const results = await page.$$eval('[data-testid="tb-case-result"]', (els) =>
      els.map((e) => `${e.getAttribute('data-case')}: ${e.getAttribute('data-passed')}`),
    );
    expect(results).toEqual((reference.tests ?? []).map((t) => `${t.name}: true`));
  });

  it('has no errors left, and Export writes the flow into the workspace', async () => {
    await fitView(page);
    const result = await pressExport(page);
    if (!result.ok) {
      const listed = await problems(page);
      throw new Error(
        `Export was refused: ${result.text}\n${result.details.join('\n')}\nproblems:\n${listed.map((p) => `${p.severity} ${p.text}`).join('\n')}`,
      );
    }
    const files = readdirSync(join(s.workspace, 'export')).filter((f) => f.endsWith('.flow.json'));
    expect(files).toHaveLength(1);
    exportedPath = join(s.workspace, 'export', files[0]!);
    expect(result.text).toContain(files[0]);
    exported = JSON.parse(readFileSync(exportedPath, 'utf8')) as FlowFile;
    // Kept for people to read (its payload paths are relative to the workspace's export/).
    copyFileSync(exportedPath, join(OUTPUT_DIR, 'exported-reference.flow.json'));
    await page.screenshot({ path: join(OUTPUT_DIR, 'reference-flow.png') });
    await selectNode(page, 'updateSurveyResponse');
    await page.screenshot({ path: join(OUTPUT_DIR, 'reference-flow-inspector.png') });
  });

  it('exports the same logic as the reference flow', () => {
    expect(exported, 'the export step did not produce a file').toBeDefined();
    const differences = compareFlowLogic(reference, exported, { descriptions: true });
    expect(differences, `the exported flow differs from the reference:\n${differences.join('\n')}`).toEqual([]);
  });

  it('runs the exported file with `flowdesk test`: every case passes', () => {
    expect(exportedPath, 'the export step did not produce a file').not.toBe('');
    const run = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'flowdesk.js'), 'test', exportedPath], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      timeout: 120_000,
    });
    const output = `${run.stdout}\n${run.stderr}`;
    expect(run.status, `flowdesk test exited ${run.status}:\n${output}`).toBe(0);
    expect(output).toContain(`${reference.tests!.length} passed`);
    expect(output).not.toMatch(/\d+ failed/);
  });

  it('reopens the exported file with Open: the same graph', async () => {
    expect(exportedPath, 'the export step did not produce a file').not.toBe('');
    await page.getByTestId('btn-new').click();
    await waitUntil(
      'an empty canvas after New',
      () => canvasNodeNames(page),
      (names) => names.length === 0,
    );
    await page.getByTestId('btn-open').click();
    const dialog = page.getByTestId('open-dialog');
    await dialog.waitFor();
    const rel = `export/${exportedPath.split(/[\\/]/).pop()}`;
    await dialog.locator(`[data-testid="open-item"][data-path="${rel}"]`).click();
    const names = await waitUntil(
      'the reopened flow to be drawn',
      () => canvasNodeNames(page),
      (n) => n.length === exported.nodes.length,
    );
    expect([...names].sort()).toEqual(exported.nodes.map((n) => n.name).sort());
    const byId = new Map(exported.nodes.map((n) => [n.id, n.name]));
    const edges = exported.edges.map((e) => `${byId.get(e.from)}:${e.port}->${byId.get(e.to)}`).sort();
    await waitUntil(
      'the reopened edges',
      () => canvasEdges(page),
      (drawn) => drawn.length === edges.length,
    );
    expect(await canvasEdges(page)).toEqual(edges);
    expect(await page.getByTestId('flow-title').innerText()).toContain(reference.name);
    await fitView(page);
    await page.screenshot({ path: join(OUTPUT_DIR, 'reference-flow-reopened.png') });
  });
});

/**
 * Adds one test case through the test bench: "Add case", its name, the trigger payload picked
 * from the samples, each node's recorded responses and the expectations pasted as JSON.
 */
async function addTestCase(page: Page, test: FlowTest): Promise<void> {
  const before = await page.$$eval('[data-testid^="test-case-"]', (els) => els.length);
  await page.getByTestId('tb-add-case').click();
  await waitUntil(
    'a new test case',
    () => page.$$eval('[data-testid^="test-case-"]', (els) => els.length),
    (n) => n === before + 1,
  );
  const nameInput = page.getByTestId('tb-case-name');
  await nameInput.fill(test.name);
  await nameInput.press('Enter');
  await page.getByTestId(`test-case-${test.name}`).waitFor();
  if (test.trigger.payloadFile) {
    const file = test.trigger.payloadFile.split('/').pop()!;
    await page.getByTestId('tb-sample').selectOption(file);
  } else if (test.trigger.body !== undefined) {
    await fillPlainText(page, 'tb-payload', JSON.stringify(test.trigger.body, null, 2));
  }
  for (const [node, responses] of Object.entries(test.responses ?? {})) {
    await fillPlainText(page, `tb-response-${node}`, JSON.stringify(responses, null, 2));
  }
  if (test.params) await fillPlainText(page, 'tb-params', JSON.stringify(test.params, null, 2));
  await fillPlainText(page, 'tb-expect', JSON.stringify(test.expect ?? {}, null, 2));
}
