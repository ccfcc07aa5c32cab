/**
 * The systems the Ticket and Record nodes both reach: their names, the credential kinds each
 * accepts (the vendor's own auth styles, domain.md §2) and an example instance address, written
 * once for both nodes. Also the request policy both attach to every vendor call.
 * Environment-neutral: the manifests (loaded by the designer too) read the tables.
 */
import type { CredentialKind } from '../../core/credentials.js';
import type { ExecContext, OutboundRequest, RetryPolicy } from '../../core/node-type.js';

export type VendorSystem = 'zendesk' | 'servicenow' | 'salesforce' | 'dynamics' | 'rest';

export const VENDOR_LABELS: Readonly<Record<VendorSystem, string>> = {
  zendesk: 'Zendesk',
  servicenow: 'ServiceNow',
  salesforce: 'Salesforce',
  dynamics: 'Dynamics 365',
  rest: 'REST service',
};

/** Credential kinds each system accepts. */
export const VENDOR_AUTH_KINDS: Readonly<Record<VendorSystem, readonly CredentialKind[]>> = {
  // API token (Basic "{email}/token:{token}") or an OAuth access token as Bearer.
  zendesk: ['zendeskApiToken', 'bearer'],
  // Basic, or OAuth via /oauth_token.do (password or client-credentials grant: the credential decides).
  servicenow: ['basic', 'oauth2'],
  // OAuth 2.0 (client credentials against /services/oauth2/token), a ready access token, or the
  // JWT bearer flow, whose token also names the org's instance.
  salesforce: ['oauth2', 'bearer', 'salesforceJwt'],
  // OAuth 2.0 client credentials against Entra ID (scope https://{org}.crm.dynamics.com/.default).
  dynamics: ['oauth2', 'bearer'],
  rest: ['apiKey', 'basic', 'bearer', 'oauth2', 'zendeskApiToken'],
};

/** What an instance address looks like on each system, for messages that ask for one. */
export const VENDOR_EXAMPLE_BASE: Readonly<Record<VendorSystem, string>> = {
  zendesk: 'https://acme.zendesk.com',
  servicenow: 'https://acme.service-now.com',
  salesforce: 'https://acme.my.salesforce.com',
  dynamics: 'https://acme.crm.dynamics.com',
  rest: 'https://tickets.example.com',
};

/** Responses larger than this fail the call unless the node says otherwise (1 MB). */
export const DEFAULT_MAX_RESPONSE_BYTES = 1048576;

/** The settings of a vendor node that shape each of its requests. */
export interface VendorRequestSettings {
  timeoutMs: number;
  retry: RetryPolicy;
  maxResponseBytes?: number;
}

/**
 * The policy half of a vendor request: the node's timeout, retries and response cap, its `auth`
 * slot, and (for a create) an idempotency key that is the same on every attempt of the run, so a
 * vendor that honours `Idempotency-Key` returns the first record to a replay.
 */
export function vendorRequestPolicy(
  settings: VendorRequestSettings,
  options: { ctx: Pick<ExecContext, 'runId' | 'node'>; authenticated: boolean; create: boolean; sendOnce?: boolean },
): Omit<OutboundRequest, 'method' | 'url'> {
  const { ctx } = options;
  return {
    timeoutMs: settings.timeoutMs,
    retry: options.sendOnce ? { ...settings.retry, maxRetries: 0 } : settings.retry,
    maxResponseBytes: settings.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    ...(options.authenticated ? { authSlot: 'auth' } : {}),
    ...(options.create ? { idempotencyKey: `flowdesk-${ctx.runId}-${ctx.node.id}` } : {}),
  };
}
