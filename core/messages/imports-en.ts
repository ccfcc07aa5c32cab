/**
 * English words for imports (Genesys data-action exports, cURL commands) and for a credential's
 * "Test connection". Kept beside en.ts, which spreads it in: the codes are ordinary catalogue
 * codes, and the Japanese catalogue is checked against them like every other.
 */
import type { Words } from './words.js';

/** A service "Test connection" knows how to ask something harmless. */
export type ConnectionService = 'genesys' | 'zendesk' | 'servicenow' | 'salesforce' | 'aws';

/** Codes that take no params are still called with `{}`: one calling shape for every code. */
type NoParams = Record<string, never>;

export const SERVICE_NAMES: Record<ConnectionService, string> = {
  genesys: 'Genesys Cloud',
  zendesk: 'Zendesk',
  servicenow: 'ServiceNow',
  salesforce: 'Salesforce',
  aws: 'AWS',
};

/** Where a construct or a secret was found in what was imported. */
export type ImportPlace = 'url' | 'header' | 'body' | 'query' | 'user';

const PLACE: Record<ImportPlace, string> = {
  url: 'the URL',
  header: 'a header',
  body: 'the body',
  query: 'the query',
  user: 'the -u user option',
};

export const importMessagesEn = {
  // ---- Genesys data-action exports: refusals ----------------------------------------------
  'import.not-json': (p: { error: string }) => `The file is not JSON (${p.error}), and not a cURL command either.`,
  'import.not-data-action': (_p: NoParams) =>
    'The JSON is not a Genesys Cloud data-action export: it has no config.request (export the action from Admin › Integrations › Actions › Export).',
  'import.integration-type': (p: { type: string; reason: 'lambda' | 'static' | 'unknown' }) =>
    p.reason === 'lambda'
      ? `This action belongs to a '${p.type}' integration, which invokes an AWS Lambda function rather than sending an HTTP request; Flowdesk cannot call it. Call the Lambda's HTTP endpoint (API Gateway or a function URL) from a Web Service node instead.`
      : p.reason === 'static'
        ? `This is a built-in (static) action of '${p.type}': its request is not in the export, so there is nothing to convert.`
        : `Actions of the '${p.type}' integration type cannot be imported: Flowdesk converts Web Services (custom-rest-actions), Genesys Cloud, Salesforce and Zendesk data actions, whose requests are REST.`,
  'import.bad-method': (p: { method: string }) =>
    `The action's request type '${p.method}' is not one a Web Service node sends (GET, PUT, POST, PATCH or DELETE).`,
  'import.no-url': (_p: NoParams) => 'The action has no requestUrlTemplate: there is no address to call.',
  'import.relative-url': (p: { url: string }) =>
    `The action's URL '${p.url}' is not absolute: a Web Services action needs https://… (relative URLs only work inside the Genesys Cloud, Salesforce and Zendesk integrations).`,

  // ---- Genesys data-action exports: what could not be converted (notes) --------------------
  'import.velocity-placeholder': (p: { index: number; place: ImportPlace; source: string }) =>
    `Not converted ${p.index} in ${PLACE[p.place]}: the Velocity "${p.source}" has no Flowdesk equivalent; it is marked [[NOT CONVERTED ${p.index}]]. Rewrite it as a {{ }} template, or compute the value in a Code node before this one.`,
  'import.credential-not-header': (p: { name: string; place: ImportPlace }) => {
    const where = PLACE[p.place];
    return `${where.charAt(0).toUpperCase()}${where.slice(1)} uses the credential value \${credentials.${p.name}}, which Flowdesk cannot send there: a node sends one credential, in its authentication header, never in a URL or a body. It is marked [[NOT CONVERTED credentials.${p.name}]]; send the secret in a header if the service accepts that.`;
  },
  'import.success-template': (p: { template: string }) =>
    `The success template "${p.template}" was not converted: the node's output is the response body (steps.<node>.body) and the mapped fields (steps.<node>.fields); build another shape in a Code node.`,
  'import.field-renamed': (p: { from: string; to: string }) =>
    `The translation-map name '${p.from}' became the field '${p.to}' (field names hold only letters, digits and _).`,
  'import.bad-jsonpath': (p: { field: string; path: string; problem: string }) =>
    `The translation map's path for '${p.field}' (${p.path}) cannot be used: ${p.problem}. Fix it in the node's response mapping.`,
  'import.base-url': (p: { service: string; origin: string }) =>
    `The action's URL is relative to your ${p.service} address; it now starts with ${p.origin}. Change it (and the credential's allowed origin) if your organisation uses another address or region.`,
  'import.secret-extracted': (p: { place: ImportPlace; name: string; credential: string }) =>
    `The secret in ${PLACE[p.place]}${p.name ? ` ${p.name}` : ''} was not written into the flow: the node uses the credential '${p.credential}' instead.`,
  'import.credential-to-create': (p: { credential: string; kind: string; valueFound: boolean }, w: Words) =>
    p.valueFound
      ? `Create the credential '${p.credential}' (${w.kind(p.kind)}) with the value from the import before running the flow.`
      : `Create the credential '${p.credential}' (${w.kind(p.kind)}) and enter its secret before running the flow.`,
  'import.body-text': (_p: NoParams) =>
    'The request template is not JSON once converted, so it is sent as text with the Content-Type header of the action.',
  'import.header-dropped': (p: { name: string }) =>
    `The header ${p.name} was dropped: Flowdesk sets it from the body type.`,

  // ---- cURL commands ------------------------------------------------------------------------
  'curl.not-curl': (_p: NoParams) => 'This is not a cURL command: it must start with curl.',
  'curl.unclosed-quote': (_p: NoParams) => 'The command has a quote that is never closed.',
  'curl.unknown-option': (p: { option: string }) =>
    `The option ${p.option} is not understood; remove it, or build the node by hand.`,
  'curl.missing-value': (p: { option: string }) => `The option ${p.option} needs a value after it.`,
  'curl.no-url': (_p: NoParams) => 'The command has no URL.',
  'curl.two-urls': (_p: NoParams) => 'The command names more than one URL; a Web Service node calls one.',
  'curl.invalid-url': (p: { url: string }) => `'${p.url}' is not an http or https URL.`,
  'curl.bad-method': (p: { method: string }) =>
    `The method ${p.method} is not one a Web Service node sends (GET, PUT, POST, PATCH or DELETE).`,
  'curl.bad-header': (p: { header: string }) => `The header "${p.header}" is not Name: value.`,
  'curl.file-data': (p: { option: string }) =>
    `${p.option} reads the body from a file (@…), which a pasted command cannot carry; paste the body itself.`,
  'curl.multipart': (_p: NoParams) =>
    'Multipart form uploads (-F/--form) cannot be converted: a Web Service node sends JSON, form-encoded or text bodies.',
  'curl.two-secrets': (p: { first: string; second: string }) =>
    `The command carries two secrets (${p.first} and ${p.second}); a Web Service node takes one credential. Remove one and import again.`,
  'curl.secret-in-query': (p: { name: string }) =>
    `The query parameter ${p.name} looks like a secret; Flowdesk never writes a secret into a URL. Send it in a header if the service accepts that, or remove it and import again.`,
  'curl.ignored-option': (p: { option: string; reason: 'output' | 'insecure' | 'transport' }) =>
    p.reason === 'insecure'
      ? `${p.option} was ignored: Flowdesk always checks the server's certificate.`
      : p.reason === 'output'
        ? `${p.option} was ignored: the node keeps the response as its output.`
        : `${p.option} was ignored: the runtime chooses how to connect.`,
  'curl.cookie': (_p: NoParams) =>
    'The Cookie header was kept as a header; if it carries a session, use a credential instead.',

  // ---- Test connection ----------------------------------------------------------------------
  'connection.ok': (p: { service: ConnectionService; status: number; url: string }) =>
    `Connected: ${SERVICE_NAMES[p.service]} accepted the credential (${p.status} from GET ${p.url}).`,
  'connection.ok-no-user': (p: { status: number }) =>
    `Connected: Genesys Cloud issued a token for the OAuth client. users/me answered ${p.status} because a client-credentials token has no user, which is expected for this grant.`,
  'connection.wrong-secret': (p: { service: ConnectionService; status: number; stage: 'request' | 'token' }) =>
    p.stage === 'token'
      ? `Wrong secret: the token endpoint refused the client ID or secret (${p.status}). Check the credential's values.`
      : `Wrong secret: ${SERVICE_NAMES[p.service]} answered ${p.status} (not authenticated). Check the credential's values.`,
  'connection.forbidden': (p: { service: ConnectionService; status: number }) =>
    `The secret works, but ${SERVICE_NAMES[p.service]} does not allow this request (${p.status}): give the account or OAuth client the needed permission.`,
  'connection.unreachable': (p: { url: string; error: string }) =>
    `Unreachable: ${p.url} could not be reached (${p.error}). Check the address and the network.`,
  'connection.origin-not-allowed': (p: { origin: string; allowed: readonly string[] }) =>
    `Not an allowed origin: this credential may be sent only to ${p.allowed.join(', ')}, not ${p.origin}. Add the origin to the credential or test against one it allows.`,
  'connection.unexpected': (p: { service: ConnectionService; status: number; url: string }) =>
    `${SERVICE_NAMES[p.service]} answered ${p.status} to GET ${p.url}: check the address (is it your ${SERVICE_NAMES[p.service]} address?).`,
  'connection.bad-url': (p: { url: string }) => `'${p.url}' is not an https address to test against.`,
  'connection.no-credential': (p: { name: string }) => `There is no stored credential named '${p.name}'.`,
  'connection.kind': (p: { name: string; kind: string }, w: Words) =>
    `The credential '${p.name}' is ${w.kind(p.kind)}, which signs incoming webhooks; there is no connection to test.`,
} as const;
