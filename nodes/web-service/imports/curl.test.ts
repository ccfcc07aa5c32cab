import { describe, expect, it } from 'vitest';
import { writeFlow } from '../../../core/canonical.js';
import { formatMessage } from '../../../core/messages/format.js';
import { loadFlowText } from '../../../core/validate/load-flow.js';
import { NODE_MANIFESTS } from '../../registry.js';
import { importCurl, shellWords } from './curl.js';
import { flowFromImport } from './flow-from-import.js';
import type { WebServiceImport } from './import-result.js';

function imported(command: string): WebServiceImport {
  const outcome = importCurl(command);
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.result;
}

function refusal(command: string): string {
  const outcome = importCurl(command);
  if (outcome.ok) throw new Error('expected a refusal');
  return outcome.error.code;
}

/** Everything a user can see or save of an import, except the values handed to the vault. */
function visible(r: WebServiceImport): string {
  return (
    writeFlow(flowFromImport(r)) + JSON.stringify(r.config) + r.notes.map((n) => formatMessage(n, 'en')).join('\n')
  );
}

describe('shellWords', () => {
  it('reads single, double and $-quoted words and joins backslash-newline continuations', () => {
    expect(shellWords(`curl 'a b' "c \\"d\\" \\$e" $'f\\ng' h\\\n  i`)).toEqual([
      'curl',
      'a b',
      'c "d" $e',
      'f\ng',
      'h',
      'i',
    ]);
  });
  it('refuses an unclosed quote', () => {
    expect(refusal(`curl 'https://x.example`)).toBe('curl.unclosed-quote');
  });
});

describe('importCurl', () => {
  it('names the node after the method and the last path words', () => {
    expect(imported('curl https://acme.zendesk.com/api/v2/users/me.json -u a@b.c/token:t-1234').nodeName).toBe(
      'getUsersMe',
    );
    expect(imported('curl -X POST https://api.hubapi.com/crm/v3/objects/tickets').nodeName).toBe('postObjectsTickets');
    expect(imported('curl https://x.example.com/api/now/table/customer_contact/4f2a9c').nodeName).toBe(
      'getTableCustomerContact',
    );
  });

  it('GET with a query: URL without query, query rows decoded', () => {
    const r = imported("curl 'https://api.example.com/v1/items?status=open&q=a%20b'");
    expect(r.config.method).toBe('GET');
    expect(r.config.url).toBe('https://api.example.com/v1/items');
    expect(r.config.query).toEqual([
      { name: 'status', value: 'open' },
      { name: 'q', value: 'a b' },
    ]);
    expect(r.credential).toBeUndefined();
  });

  it('Bearer header → bearer credential, value handed back only for the vault', () => {
    const r = imported(
      `curl -X POST https://api.hubapi.com/crm/v3/objects/tickets \\\n  -H 'Authorization: Bearer pat-na1-SECRET123' \\\n  -H 'Content-Type: application/json' \\\n  -d '{"properties":{"subject":"Call back","hs_pipeline":"0"}}'`,
    );
    expect(r.config.method).toBe('POST');
    expect(r.config.auth).toEqual({ type: 'bearer' });
    expect(r.config.headers).toEqual([]);
    expect(r.config.body).toEqual({ type: 'json', json: { properties: { subject: 'Call back', hs_pipeline: '0' } } });
    expect(r.credential).toEqual({
      name: 'api-hubapi-com',
      kind: 'bearer',
      allowedOrigins: ['https://api.hubapi.com'],
      values: { token: 'pat-na1-SECRET123' },
    });
    expect(visible(r)).not.toContain('SECRET123');
  });

  it('-u user:pass → basic credential (ServiceNow Table API)', () => {
    const r = imported(
      `curl "https://dev1234.service-now.com/api/now/table/incident?sysparm_limit=1" --request GET --header "Accept:application/json" --user 'admin':'p@ss:word'`,
    );
    expect(r.config.auth).toEqual({ type: 'basic' });
    expect(r.config.headers).toEqual([{ name: 'Accept', value: 'application/json' }]);
    expect(r.credential).toMatchObject({ kind: 'basic', values: { username: 'admin', password: 'p@ss:word' } });
    expect(r.credential?.name).toBe('dev1234-service-now-com');
    expect(visible(r)).not.toContain('p@ss:word');
  });

  it('Zendesk "{email}/token:{token}" → a Zendesk API token credential', () => {
    const r = imported(
      `curl https://acme.zendesk.com/api/v2/users/me.json -u jdoe@example.com/token:6wiIBWbGkBMo1mRDMuVwkw1EPsNkeUj95PIz2akv`,
    );
    expect(r.credential).toMatchObject({
      kind: 'zendeskApiToken',
      values: { email: 'jdoe@example.com', token: '6wiIBWbGkBMo1mRDMuVwkw1EPsNkeUj95PIz2akv' },
    });
    expect(visible(r)).not.toContain('6wiIBWbGkBMo1mRDMuVwkw1EPsNkeUj95PIz2akv');
  });

  it("-H 'X-Api-Key: …' → API key credential with that header", () => {
    const r = imported(
      `curl -H 'X-Api-Key: k-987654321' -H 'Accept: application/json' https://api.example.com/v2/contacts`,
    );
    expect(r.config.auth).toEqual({ type: 'apiKey', headerName: 'X-Api-Key' });
    expect(r.credential).toMatchObject({ kind: 'apiKey', values: { value: 'k-987654321' } });
    expect(visible(r)).not.toContain('k-987654321');
  });

  it('Authorization: Basic base64 is decoded into user and password; user:pass@ in the URL too', () => {
    const basic = imported(`curl https://x.example.com/a -H "Authorization: Basic ${btoa('svc:hunter2')}"`);
    expect(basic.credential).toMatchObject({ kind: 'basic', values: { username: 'svc', password: 'hunter2' } });
    const inUrl = imported(`curl https://svc:hunter2@x.example.com/a`);
    expect(inUrl.config.url).toBe('https://x.example.com/a');
    expect(inUrl.credential).toMatchObject({ kind: 'basic', values: { username: 'svc', password: 'hunter2' } });
    expect(visible(inUrl)).not.toContain('hunter2');
  });

  it('form data: -d pairs (curl’s default type) and --data-urlencode become form fields; POST implied', () => {
    const r = imported(
      `curl https://login.mypurecloud.com/oauth/token -d grant_type=client_credentials --data-urlencode 'scope=a b'`,
    );
    expect(r.config.method).toBe('POST');
    expect(r.config.body).toEqual({
      type: 'form',
      form: [
        { name: 'grant_type', value: 'client_credentials' },
        { name: 'scope', value: 'a b' },
      ],
    });
  });

  it('--json sends JSON; -G moves data into the query; --max-time sets the timeout', () => {
    expect(imported(`curl --json '{"a":1}' https://x.example.com`).config.body).toEqual({
      type: 'json',
      json: { a: 1 },
    });
    const get = imported(`curl -G https://x.example.com/search -d q=phone --max-time 5`);
    expect(get.config.method).toBe('GET');
    expect(get.config.query).toEqual([{ name: 'q', value: 'phone' }]);
    expect(get.config.timeoutMs).toBe(5000);
  });

  it('a body that is neither JSON nor form pairs is sent as text with its content type', () => {
    const r = imported(`curl -X PUT https://x.example.com/a -H 'Content-Type: text/plain' --data-raw 'hello there'`);
    expect(r.config.body).toEqual({ type: 'text', text: 'hello there' });
    expect(r.config.headers).toEqual([{ name: 'Content-Type', value: 'text/plain' }]);
  });

  it('notes what it ignored (-k, -o) and skips harmless flags', () => {
    const r = imported(`curl -sSL -k --compressed -o out.json https://x.example.com`);
    expect(r.notes.map((n) => formatMessage(n, 'en'))).toEqual([
      "-k was ignored: Flowdesk always checks the server's certificate.",
      '-o was ignored: the node keeps the response as its output.',
    ]);
  });

  it('the imported flow passes the validator', () => {
    const r = imported(
      `curl -u admin:secret -H 'Content-Type: application/json' -d '{"short_description":"x"}' https://dev1.service-now.com/api/now/table/incident`,
    );
    const loaded = loadFlowText(writeFlow(flowFromImport(r)), NODE_MANIFESTS);
    expect(loaded.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it.each([
    ['wget https://x.example.com', 'curl.not-curl'],
    ['curl', 'curl.no-url'],
    ['curl https://a.example https://b.example', 'curl.two-urls'],
    ['curl --proxy http://p:1 https://a.example', 'curl.unknown-option'],
    ['curl https://a.example -H', 'curl.missing-value'],
    ['curl -X OPTIONS https://a.example', 'curl.bad-method'],
    ['curl -H NoColon https://a.example', 'curl.bad-header'],
    ['curl -d @body.json https://a.example', 'curl.file-data'],
    ['curl -F file=@x.png https://a.example', 'curl.multipart'],
    ["curl -u a:b -H 'X-Api-Key: k' https://a.example", 'curl.two-secrets'],
    ['curl https://a.example/x?api_key=abc', 'curl.secret-in-query'],
    ['curl ftp://a.example/x', 'curl.invalid-url'],
  ])('%s → %s', (command, code) => {
    expect(refusal(command)).toBe(code);
  });

  it('errors never repeat a secret', () => {
    const outcome = importCurl("curl -u admin:TopSecret -H 'Authorization: Bearer AlsoSecret' https://a.example");
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      const words = formatMessage(outcome.error, 'en') + formatMessage(outcome.error, 'ja');
      expect(words).not.toMatch(/TopSecret|AlsoSecret/);
      expect(formatMessage(outcome.error, 'en')).toBe(
        'The command carries two secrets (-u and Authorization); a Web Service node takes one credential. Remove one and import again.',
      );
    }
  });
});
