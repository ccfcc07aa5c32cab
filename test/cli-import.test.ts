/**
 * `flowdesk import`, run through the CLI's own entry point: real export files and a cURL
 * command in, a flow that validates out, notes on stderr, and no secret anywhere in what the
 * command writes or prints.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateFlowText } from '../runtime/hosts/host-service/flow-text.js';
import { flowdesk } from './support/cli-in-process.js';

const PAYLOADS = resolve(import.meta.dirname, '..', 'flows', 'payloads');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'flowdesk-import-'));
});

describe('flowdesk import', () => {
  it('prints a valid flow for the Genesys "Get interaction state" export, with its notes on stderr', async () => {
    const r = await flowdesk(['import', join(PAYLOADS, 'genesys-data-action-get-interaction-state.json')]);
    expect(r.code).toBe(0);
    const flow = JSON.parse(r.out);
    expect(flow.nodes.map((n: { type: string }) => n.type)).toEqual(['webhookTrigger', 'webService']);
    expect(flow.nodes[1].config.url).toBe(
      'https://api.mypurecloud.com/api/v2/conversations/{{ trigger.body.conversationId }}',
    );
    expect(flow.credentials).toEqual({
      'genesys-cloud': {
        kind: 'oauth2',
        allowedOrigins: ['https://api.mypurecloud.com', 'https://login.mypurecloud.com'],
      },
    });
    expect(validateFlowText(r.out).issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(r.err).toContain("note: The action's URL is relative to your Genesys Cloud address");
    expect(r.err).toContain(
      'credential: flowdesk credentials set genesys-cloud --kind oauth2 --allowed-origin https://api.mypurecloud.com --allowed-origin https://login.mypurecloud.com',
    );
  });

  it('writes --out and never puts the HubSpot export’s literal token in the file or the output', async () => {
    const out = join(dir, 'hubspot.flow.json');
    const r = await flowdesk([
      'import',
      join(PAYLOADS, 'genesys-data-action-hubspot-create-ticket.json'),
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    const text = await readFile(out, 'utf8');
    expect(JSON.parse(text).nodes[1].credentials).toEqual({ auth: 'api-hubapi-com' });
    for (const written of [text, r.out, r.err]) expect(written).not.toContain('123-abc-12345678');
    // Never overwrites.
    const again = await flowdesk([
      'import',
      join(PAYLOADS, 'genesys-data-action-hubspot-create-ticket.json'),
      '-o',
      out,
    ]);
    expect(again.code).toBe(2);
    expect(again.err).toContain('already exists');
  });

  it('imports a cURL command from a file, keeping the -u password out of everything it writes', async () => {
    const file = join(dir, 'snow.curl');
    await writeFile(
      file,
      `curl "https://dev1234.service-now.com/api/now/table/sys_user?sysparm_limit=1" \\\n  --request GET --header "Accept:application/json" --user 'admin':'Sup3rS3cret!'\n`,
    );
    const r = await flowdesk(['import', file]);
    expect(r.code).toBe(0);
    expect(r.out + r.err).not.toContain('Sup3rS3cret!');
    const flow = JSON.parse(r.out);
    expect(flow.nodes[1].config.auth).toEqual({ type: 'basic' });
    expect(flow.credentials['dev1234-service-now-com'].kind).toBe('basic');
    expect(validateFlowText(r.out).issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('refuses what it cannot convert with the reason and exit 2', async () => {
    const lambda = join(dir, 'lambda.json');
    await writeFile(
      lambda,
      JSON.stringify({
        name: 'x',
        integrationType: 'aws-lambda-data-actions',
        config: { request: { requestType: 'POST' } },
      }),
    );
    const r = await flowdesk(['import', lambda]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('invokes an AWS Lambda function rather than sending an HTTP request');

    const curl = join(dir, 'bad.curl');
    await writeFile(curl, 'curl --proxy http://p:1 https://a.example');
    const bad = await flowdesk(['import', curl]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('The option --proxy is not understood');

    const missing = await flowdesk(['import', join(dir, 'nope.json')]);
    expect(missing.code).toBe(3);
  });
});
