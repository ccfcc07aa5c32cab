import { describe, expect, it } from 'vitest';
import type { FlowFile } from '../flow.js';
import type { FlowIssue } from '../validation-types.js';
import { FAKE_MANIFESTS, sampleFlow } from './__fixtures__/fake-manifests.js';
import { validateFlow } from './validate-flow.js';

/** Validates the sample flow after `edit`, returning its issues. */
function issuesAfter(edit: (flow: any) => void): FlowIssue[] {
  const flow: any = sampleFlow();
  edit(flow);
  return validateFlow(flow, FAKE_MANIFESTS);
}

function only(issues: FlowIssue[], code: string): FlowIssue[] {
  return issues.filter((i) => i.code === code);
}

describe('validateFlow', () => {
  it('accepts the sample flow', () => {
    expect(validateFlow(sampleFlow(), FAKE_MANIFESTS)).toEqual([]);
  });

  it('refuses a value that is not a flow', () => {
    expect(validateFlow([1], FAKE_MANIFESTS)[0]).toMatchObject({ code: 'not-a-flow', pointer: '' });
  });

  it('reports envelope schema errors with the owner named', () => {
    const issues = issuesAfter((f) => {
      delete f.name;
      f.schemaVersion = 3;
      f.nodes[1].name = 'get details';
      f.edges[0].to = undefined;
      f.extra = true;
      f.credentials['genesys-prod'].kind = 'password';
    });
    const messages = only(issues, 'schema').map((i) => `${i.pointer} ${i.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        '/name Flow name is required',
        '/schemaVersion Schema version must be 1',
        "/nodes/1/name Web Service 'get details': Name must start with a letter or _ and hold only letters, digits and _ (templates use it as steps.<name>)",
        '/edges/0/to Connection 1: Target node is required',
        "/extra The flow has a field Flowdesk does not know: 'extra'",
      ]),
    );
    expect(
      messages.some((m) =>
        m.startsWith("/credentials/genesys-prod/kind Credential 'genesys-prod': Kind must be one of apiKey"),
      ),
    ).toBe(true);
    expect(only(issues, 'schema').find((i) => i.pointer === '/nodes/1/name')?.nodeId).toBe('n2');
  });

  it('words config schema errors with titles, node name and pointer', () => {
    const issues = issuesAfter((f) => {
      delete f.nodes[1].config.url;
      f.nodes[1].config.method = 'FETCH';
      f.nodes[1].config.retry = { maxRetries: 'x' };
      f.nodes[1].config.headers.push({ name: '' });
      f.nodes[1].config.timeout = 5;
    });
    const config = only(issues, 'config');
    expect(config.map((i) => i.message)).toEqual(
      expect.arrayContaining([
        "Web Service 'getDetails': URL is required",
        "Web Service 'getDetails': Method must be one of GET, PUT, POST, PATCH, DELETE",
        "Web Service 'getDetails': Retry › Max retries must be a whole number",
        "Web Service 'getDetails': Headers › item 2 › Name must not be empty",
        "Web Service 'getDetails': Headers › item 2 › Value is required",
        "Web Service 'getDetails': The settings has a field Flowdesk does not know: 'timeout'",
      ]),
    );
    expect(config.find((i) => i.message.endsWith('URL is required'))).toMatchObject({
      pointer: '/nodes/1/config/url',
      field: '/url',
      nodeId: 'n2',
      severity: 'error',
    });
  });

  it("reports the manifest's own check() issues", () => {
    const issues = issuesAfter((f) => (f.nodes[1].config.url = 'ftp://x'));
    expect(only(issues, 'node-check')).toEqual([
      expect.objectContaining({
        message: "Web Service 'getDetails': URL must use http or https",
        pointer: '/nodes/1/config/url',
        field: '/url',
      }),
    ]);
  });

  it('reports unknown node types and versions it cannot read', () => {
    const issues = issuesAfter((f) => {
      f.nodes[2].type = 'teleport';
      f.nodes[0].type = 'webhookV9';
      f.nodes[1].version = 7;
    });
    expect(only(issues, 'unknown-node-type')[1]!.message).toBe(
      "Node 'check': 'teleport' is not a node type this Flowdesk knows (known types: hook, service, branch, script)",
    );
    expect(only(issues, 'newer-node-version')[0]!.message).toMatch(
      /^Web Service 'getDetails': this node was made by a newer Flowdesk \(Web Service version 7; this Flowdesk knows up to version 2\)/,
    );
    expect(only(issues, 'no-trigger')).toEqual([]);
    // Settings of a version this build does not know are not checked against the current schema.
    expect(only(issues, 'config')).toEqual([]);
  });

  it('tells older nodes apart: upgradable (warning) or not (error)', () => {
    const upgradable = issuesAfter((f) => (f.nodes[1].version = 1));
    expect(only(upgradable, 'outdated-node-version')[0]!.severity).toBe('warning');
    const stuck = validateFlow(
      { ...sampleFlow(), nodes: sampleFlow().nodes.map((n) => (n.type === 'branch' ? { ...n, version: 0 } : n)) },
      FAKE_MANIFESTS,
    );
    // version 0 is below the schema minimum as well; the version message still explains it.
    expect(only(stuck, 'old-node-version')[0]!.message).toMatch(/can no longer upgrade/);
  });

  it('requires exactly one trigger', () => {
    const none = issuesAfter((f) => {
      f.nodes.shift();
      f.edges.shift();
      f.tests = [];
    });
    expect(only(none, 'no-trigger')).toHaveLength(1);
    const two = issuesAfter((f) =>
      f.nodes.push({ id: 'n9', type: 'hook', version: 1, name: 'hook2', config: { auth: { type: 'none' } } }),
    );
    expect(only(two, 'several-triggers')[0]).toMatchObject({ nodeId: 'n9', pointer: '/nodes/4' });
    expect(only(two, 'several-triggers')[0]!.message).toMatch(/exactly one trigger, but this one has 2/);
  });

  it('reports dangling edges, unknown ports and edges into the trigger', () => {
    const issues = issuesAfter((f) => {
      f.edges.push({ from: 'n4', port: 'success', to: 'ghost' });
      f.edges.push({ from: 'n3', port: 'maybe', to: 'n4' });
      f.edges.push({ from: 'n4', port: 'success', to: 'n1' });
    });
    expect(only(issues, 'dangling-edge')[0]).toMatchObject({
      pointer: '/edges/3/to',
      message: "Connection 4 leads to node id 'ghost', but no node has that id.",
    });
    expect(only(issues, 'unknown-port')[0]).toMatchObject({
      pointer: '/edges/4/port',
      message: "Condition 'check': connection 5 leaves from output 'maybe', but this node has only 'true', 'false'",
    });
    expect(only(issues, 'edge-into-trigger')[0]).toMatchObject({ pointer: '/edges/5/to', nodeId: 'n1' });
  });

  it('rejects cycles, naming the nodes in the loop', () => {
    const issues = issuesAfter((f) => f.edges.push({ from: 'n4', port: 'success', to: 'n2' }));
    expect(only(issues, 'cycle').map((i) => i.message)).toEqual([
      "Web Service 'getDetails': these nodes form a loop, which flows do not allow: 'getDetails' → 'check' → 'putResponse' → 'getDetails'",
    ]);
  });

  it('reports duplicate ids and names', () => {
    const issues = issuesAfter((f) => {
      f.nodes.push({ id: 'n4', type: 'script', version: 1, name: 'check', config: { source: 'return 1' } });
    });
    expect(only(issues, 'duplicate-node-id')[0]).toMatchObject({ pointer: '/nodes/4/id' });
    expect(only(issues, 'duplicate-node-name')[0]!.message).toMatch(/the name 'check' is already used by node 3/);
  });

  it('warns about nodes the trigger never reaches', () => {
    const issues = issuesAfter((f) => {
      f.nodes.push({ id: 'n5', type: 'script', version: 1, name: 'orphan', config: { source: 'return 1' } });
    });
    expect(only(issues, 'unreachable')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        nodeId: 'n5',
        message: "Code 'orphan': no path leads here from the trigger, so this node never runs",
      }),
    ]);
  });

  it('warns about a decision whose outputs all lead to the same node', () => {
    // check: true → putResponse, and now false → putResponse too.
    const issues = issuesAfter((f) => f.edges.push({ from: 'n3', port: 'false', to: 'n4' }));
    expect(only(issues, 'decision-without-effect')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        nodeId: 'n3',
        message:
          "Condition 'check': its outputs 'true', 'false' all lead to Web Service 'putResponse', so the same nodes run whatever it decides; connect one of the outputs elsewhere if that was meant",
      }),
    ]);
    // One output leading somewhere else as well is a real decision.
    const other = issuesAfter((f) => {
      f.nodes.push({ id: 'n5', type: 'script', version: 1, name: 'extra', config: { source: 'return 1' } });
      f.edges.push({ from: 'n3', port: 'false', to: 'n4' }, { from: 'n3', port: 'true', to: 'n5' });
    });
    expect(only(other, 'decision-without-effect')).toEqual([]);
  });

  it('warns where a joining node uses the output of a node on only one of its branches', () => {
    // getDetails.error → fallback → putResponse joins check.true → putResponse. putResponse reads
    // steps.getDetails (on every path: fine) and steps.fallback (on one branch only).
    const issues = issuesAfter((f) => {
      f.nodes.push({ id: 'n5', type: 'script', version: 1, name: 'fallback', config: { source: 'return 1' } });
      f.edges.push({ from: 'n2', port: 'error', to: 'n5' }, { from: 'n5', port: 'success', to: 'n4' });
      f.nodes[3].config.url = 'https://q.example.com/{{ steps.getDetails.body.id }}/{{ steps.fallback.id }}';
    });
    expect(only(issues, 'step-on-some-branches')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        nodeId: 'n4',
        pointer: '/nodes/3/config/url',
        message:
          "Web Service 'putResponse': URL uses steps.fallback, but only some of the branches into this node pass 'fallback'; when the run comes another way, steps.fallback is empty (give a fallback, e.g. {{ steps.fallback ? … : … }}, if that is expected)",
      }),
    ]);
  });

  it('reports templates and expressions that do not parse, and leaves raw fields alone', () => {
    const issues = issuesAfter((f) => {
      f.nodes[1].config.url = 'https://x/{{ trigger.body. }}';
      f.nodes[2].config.rules[0].left = 'steps.getDetails.status = ';
      f.nodes.push({
        id: 'n5',
        type: 'script',
        version: 1,
        name: 'code',
        config: { source: 'const a = "{{ not a template";' },
      });
      f.edges.push({ from: 'n4', port: 'success', to: 'n5' });
      f.nodes[0].config.inputSchema = { description: '{{ nope' };
    });
    expect(only(issues, 'template-syntax')).toEqual([
      expect.objectContaining({ pointer: '/nodes/1/config/url', field: '/url' }),
    ]);
    expect(only(issues, 'template-syntax')[0]!.message).toMatch(
      /^Web Service 'getDetails': URL has a template error at character \d+: /,
    );
    expect(only(issues, 'expression-syntax')[0]).toMatchObject({ pointer: '/nodes/2/config/rules/0/left' });
    expect(only(issues, 'expression-syntax')[0]!.message).toMatch(
      /^Condition 'check': Rules › item 1 › Left is not a valid expression/,
    );
  });

  it('explains an expression field written as a template', () => {
    const issues = issuesAfter((f) => (f.nodes[2].config.rules[0].left = '{{ steps.getDetails.status }}'));
    expect(only(issues, 'expression-syntax').map((i) => i.message)).toEqual([
      "Condition 'check': Rules › item 1 › Left is an expression already: write it without {{ }}, as steps.getDetails.status",
    ]);
  });

  it('reads piped text and expression fields for references too', () => {
    const issues = issuesAfter((f) => {
      f.nodes[1].config.url = 'https://x/${e://Field/ConversationID}';
      f.nodes[2].config.rules.push({ left: 'steps.putResponse.status', right: '{{ steps.later.x }}' });
    });
    expect(only(issues, 'template-syntax')).toEqual([]);
    expect(only(issues, 'not-upstream').map((i) => i.field)).toEqual(['/rules/1/left']);
    expect(only(issues, 'unknown-step').map((i) => i.field)).toEqual(['/rules/1/right']);
  });

  it('checks that steps.X names an upstream node', () => {
    const issues = issuesAfter((f) => {
      f.nodes[1].config.url = 'https://x/{{ steps.putResponse.body.id }}/{{ steps.nobody.id }}';
      f.nodes[2].config.rules.push({ left: 'steps.check.result' });
      f.nodes.push({ id: 'n5', type: 'script', version: 1, name: 'side', config: { source: '' } });
      f.edges.push({ from: 'n3', port: 'false', to: 'n5' });
      f.nodes[3].config.body = { s: '{{ steps.side.x }}' };
    });
    expect(only(issues, 'unknown-step').map((i) => i.message)).toEqual([
      "Web Service 'getDetails': URL uses steps.nobody, but no node is named 'nobody'",
    ]);
    expect(only(issues, 'not-upstream').map((i) => i.message)).toEqual([
      "Web Service 'getDetails': URL uses steps.putResponse, but 'putResponse' is not upstream of this node, so it has not run yet when this node runs",
      "Condition 'check': Rules › item 2 › Left uses steps.check, which is this node's own output; a node can only use the output of nodes that run before it",
      "Web Service 'putResponse': Body › S uses steps.side, but 'side' is not upstream of this node, so it has not run yet when this node runs",
    ]);
  });

  it('refuses literal secrets in x-secret fields and credential headers', () => {
    const issues = issuesAfter((f) => {
      f.nodes[1].config.auth.apiKey = 'abc123';
      f.nodes[1].config.headers = [
        { name: 'Authorization', value: 'Bearer abc123' },
        { name: 'X-API-TOKEN', value: '{{ "abc123" }}' },
        { name: 'x-client-api-key', value: 'k' },
        { name: 'Cookie', value: 'session=1' },
        { name: 'Accept', value: 'application/json' },
        { name: 'Authorization', value: 'Bearer {{ steps.hook.token }}' },
        { name: 'X-Token', value: '${e://Field/Token}' },
      ];
      f.nodes[3].config.auth = { apiKey: '{{ trigger.headers.key }}' };
    });
    const secrets = only(issues, 'literal-secret');
    expect(secrets.map((i) => i.field)).toEqual([
      '/auth/apiKey',
      '/headers/0/value',
      '/headers/1/value',
      '/headers/2/value',
      '/headers/3/value',
    ]);
    expect(secrets[0]!.message).toBe(
      "Web Service 'getDetails': Authentication › API key holds a secret typed into the flow. A flow file must not hold secrets: create a credential and pick it in the Credentials section instead.",
    );
    expect(secrets[1]!.message).toMatch(
      /^Web Service 'getDetails': the Authorization header holds a literal value\. .*credential/,
    );
  });

  it('refuses secrets typed into URLs and secret-named query parameters', () => {
    const issues = issuesAfter((f) => {
      f.nodes[1].config.url = 'https://admin:hunter2@api.example.com/x?page=2&api_key=abc';
      f.nodes[3].config.url =
        'https://q.example.com/{{ steps.getDetails.body.id }}?access_token={{ trigger.body.t }}&q={{ "a&api_key=b" }}';
      f.nodes[3].config.query = [
        { name: 'client_secret', value: 's3cr3t' },
        { name: 'page', value: '2' },
        { name: 'token', value: '{{ vars.token }}' },
      ];
    });
    const secrets = only(issues, 'literal-secret');
    expect(secrets.map((i) => `${i.nodeId} ${i.field}`)).toEqual(['n2 /url', 'n4 /query/0/value']);
    expect(secrets[0]!.message).toMatch(
      /^Web Service 'getDetails': URL holds a password in the URL typed into the flow/,
    );
    expect(secrets[1]!.message).toMatch(/the query parameter client_secret holds a literal value/);
    const apiKeyOnly = issuesAfter((f) => (f.nodes[1].config.url = 'https://api.example.com/x?api_key=abc'));
    expect(only(apiKeyOnly, 'literal-secret')[0]!.message).toMatch(
      /URL holds the query parameter api_key typed into the flow/,
    );
  });

  it('warns about secret-looking keys in JSON bodies and refuses secret form fields', () => {
    const issues = issuesAfter((f) => {
      f.nodes[3].config.body = {
        grant: 'password',
        username: 'svc',
        password: 'hunter2',
        nested: { client_secret: 'x', token_type: 'y' },
        ok: { password: '{{ vars.pw }}' },
      };
      f.nodes[3].config.form = [{ name: 'client_secret', value: 'abc' }];
    });
    expect(only(issues, 'possible-secret').map((i) => `${i.severity} ${i.field}`)).toEqual([
      'warning /body/password',
      'warning /body/nested/client_secret',
    ]);
    expect(only(issues, 'possible-secret')[0]!.message).toBe(
      `Web Service 'putResponse': "password" in Body looks like a secret typed into the flow. If it is one, store it as a credential (or read it with a template) instead.`,
    );
    expect(only(issues, 'literal-secret').map((i) => i.message)).toEqual([
      expect.stringMatching(/^Web Service 'putResponse': the form field client_secret holds a literal value/),
    ]);
  });

  it('checks credential slots, declarations, kinds and required slots', () => {
    const issues = issuesAfter((f) => {
      f.credentials = { 'genesys-prod': { kind: 'basic' }, spare: { kind: 'apiKey' } };
      f.nodes[1].credentials = { auth: 'genesys-prod', proxy: 'spare' };
      f.nodes[3].config.auth = { type: 'apiKey' };
      f.nodes[0].config.auth = { type: 'apiToken' };
      f.nodes[0].credentials = { auth: 'qualtrics-token' };
    });
    expect(only(issues, 'unknown-credential-slot')[0]).toMatchObject({
      pointer: '/nodes/1/credentials/proxy',
      message: "Web Service 'getDetails': has a credential in slot 'proxy', but Web Service nodes only have 'auth'",
    });
    expect(only(issues, 'credential-kind')[0]!.message).toBe(
      "Web Service 'getDetails': Authentication needs an API key header, Bearer token or OAuth 2.0 credential, but 'genesys-prod' is Basic authentication",
    );
    expect(only(issues, 'undeclared-credential')[0]).toMatchObject({ pointer: '/nodes/0/credentials/auth' });
    expect(only(issues, 'undeclared-credential')[0]!.message).toMatch(
      /'qualtrics-token', which the flow does not declare/,
    );
    expect(only(issues, 'credential-missing')).toEqual([
      expect.objectContaining({ nodeId: 'n4', pointer: '/nodes/3/credentials/auth' }),
    ]);
    expect(only(issues, 'unused-credential')).toEqual([]);
  });

  it('warns about declared credentials no node uses', () => {
    const issues = issuesAfter((f) => (f.credentials.spare = { kind: 'apiKey' }));
    expect(only(issues, 'unused-credential')).toEqual([
      expect.objectContaining({ severity: 'warning', pointer: '/credentials/spare' }),
    ]);
  });

  it('checks that tests name existing nodes', () => {
    const issues = issuesAfter((f) => {
      f.tests[0].responses.getDetail = [];
      f.tests[0].expect.path.push('finish');
      f.tests[0].expect.notVisited = ['never'];
      f.tests[0].expect.steps = { gone: {} };
      f.tests[0].expect.requests.push({ node: 'putResponses' });
      f.tests.push({ name: 'happy path', trigger: {} });
    });
    expect(only(issues, 'test-unknown-node').map((i) => i.pointer)).toEqual([
      '/tests/0/responses/getDetail',
      '/tests/0/expect/path/4',
      '/tests/0/expect/notVisited/0',
      '/tests/0/expect/steps/gone',
      '/tests/0/expect/requests/1/node',
    ]);
    expect(only(issues, 'test-unknown-node')[0]!.message).toBe(
      "Test 'happy path': has recorded responses for 'getDetail', but no node is named 'getDetail'",
    );
    expect(only(issues, 'duplicate-test-name')).toHaveLength(1);
  });

  it('handles a long chain of nodes without overflowing the stack', () => {
    const flow: any = sampleFlow();
    flow.tests = [];
    let previous = 'n4';
    for (let i = 0; i < 3000; i++) {
      const url = `https://x/{{ steps.${i === 0 ? 'putResponse' : `s${i - 1}`}.body.id }}/{{ steps.getDetails.body.id }}`;
      flow.nodes.push({ id: `x${i}`, type: 'service', version: 2, name: `s${i}`, config: { method: 'GET', url } });
      flow.edges.push({ from: previous, port: 'success', to: `x${i}` });
      previous = `x${i}`;
    }
    flow.edges.push({ from: previous, port: 'success', to: 'n2' });
    const issues = validateFlow(flow, FAKE_MANIFESTS);
    expect(issues.map((i) => i.code)).toEqual(['cycle']);
    expect(issues[0]!.message).toMatch(
      /^Web Service 'getDetails': these nodes form a loop, which flows do not allow: 'getDetails' → 'check' → 'putResponse' → 's0' → 's1' → 's2' → … 2993 more … → 's2996' → 's2997' → 's2998' → 's2999' → 'getDetails'$/,
    );
  });

  it('survives half-valid input without throwing', () => {
    const broken = [
      {},
      { nodes: 'x', edges: {} },
      { nodes: [null, 3, { type: 5 }], edges: [null, { from: 1 }], tests: [null, { responses: 3 }], credentials: [] },
      {
        ...sampleFlow(),
        nodes: sampleFlow().nodes.map((n) => ({ ...n, config: 'x' as never, credentials: 'y' as never })),
      },
    ];
    for (const value of broken) expect(() => validateFlow(value, FAKE_MANIFESTS)).not.toThrow();
  });

  it('reports a manifest whose schema does not compile instead of throwing', () => {
    const bad = { ...FAKE_MANIFESTS[3]!, configSchema: { type: 'object', propertiez: {} } };
    const flow: FlowFile = sampleFlow();
    flow.nodes.push({ id: 'n5', type: 'script', version: 1, name: 'code', config: {} });
    flow.edges.push({ from: 'n4', port: 'success', to: 'n5' });
    const issues = validateFlow(flow, [FAKE_MANIFESTS[0]!, FAKE_MANIFESTS[1]!, FAKE_MANIFESTS[2]!, bad]);
    expect(only(issues, 'manifest-schema')[0]!.message).toMatch(
      /^Code 'code': the Code node type has a broken settings schema/,
    );
  });

  it('requires allowedOrigins when a credentialed URL takes its origin from run data (issue 12, item 8)', () => {
    const origin = (url: string, allowedOrigins?: string[]) =>
      only(
        issuesAfter((f) => {
          f.nodes[1].config.url = url;
          if (allowedOrigins) f.credentials['genesys-prod'].allowedOrigins = allowedOrigins;
        }),
        'credential-origin',
      );
    for (const url of [
      '{{ trigger.body.url }}',
      '{{ steps.hook.base }}/users',
      'https://{{ trigger.body.host }}/users',
      'https://api.{{ vars.region }}.example.com/users',
      'https://api.example.com:{{ trigger.body.port }}/users',
      '${e://Field/Callback}',
    ]) {
      const issues = origin(url);
      expect(issues, url).toHaveLength(1);
      expect(issues[0]).toMatchObject({ nodeId: 'n2', field: '/url', severity: 'error' });
      expect(issues[0]!.message).toMatch(
        /^Web Service 'getDetails': URL takes its origin \(scheme, host or port\) from \{\{ .+ \}\}, which a payload or a response controls, and the node sends the credential 'genesys-prod': list the origins it may be sent to in that credential's allowed origins/,
      );
    }
    expect(origin('https://api.example.com/users/{{ trigger.body.id }}?q={{ trigger.body.q }}')).toEqual([]);
    expect(origin('{{ trigger.body.url }}', ['https://api.example.com'])).toEqual([]);
    // Flow parameters are the admin's, not the payload's.
    expect(origin('{{ params.baseUrl }}/users')).toEqual([]);
  });

  it('refuses literal secrets in auth-, token-, signature- and key-named headers and URL user info (issue 12, item 10)', () => {
    const secretHeaders = (name: string) =>
      only(
        issuesAfter((f) => (f.nodes[1].config.headers = [{ name, value: 'abc123literal' }])),
        'literal-secret',
      ).length;
    for (const name of [
      'X-Custom-Auth',
      'X-Auth-Token',
      'X-Hub-Signature-256',
      'X-Api-Key',
      'apikey',
      'Api_Key',
      'X-Authentication',
      'X-Client-Secret',
      'X-Password',
    ]) {
      expect(secretHeaders(name), name).toBe(1);
    }
    for (const name of ['Idempotency-Key', 'X-Author', 'Accept', 'X-Request-Id'])
      expect(secretHeaders(name), name).toBe(0);
    const userInfo = only(
      issuesAfter((f) => (f.nodes[1].config.url = 'https://tok_123456@api.example.com/users')),
      'literal-secret',
    );
    expect(userInfo[0]!.message).toMatch(/URL holds credentials in the URL \(before the @\) typed into the flow/);
    expect(
      only(
        issuesAfter((f) => (f.nodes[1].config.url = 'https://{{ vars.user }}@api.example.com/u')),
        'literal-secret',
      ),
    ).toEqual([]);
  });

  it('refuses node names that are not plain object keys (issue 12, item 12)', () => {
    for (const name of ['__proto__', 'constructor', 'prototype']) {
      const issues = only(
        issuesAfter((f) => (f.nodes[2].name = name)),
        'reserved-name',
      );
      expect(issues.map((i) => `${i.pointer} ${i.message}`)).toEqual([
        `/nodes/2/name Condition '${name}': the node name "${name}" cannot be used: "__proto__", "constructor", "prototype" are reserved by JavaScript; rename the node`,
      ]);
    }
  });
});
