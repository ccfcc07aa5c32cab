/**
 * "Test connection" for a stored credential: one harmless read per service, sent by the host
 * (where the secret is), answered with an outcome an admin can act on. Declared here so the
 * renderer's credentials screen and both hosts agree on the services and their requests.
 */
import type { ConnectionService } from './messages/imports-en.js';
import type { Message } from './messages/message.js';

export type { ConnectionService } from './messages/imports-en.js';

/** The request each service answers for any authenticated caller, changing nothing. */
export const CONNECTION_PROBES: Readonly<Record<ConnectionService, string>> = {
  genesys: '/api/v2/users/me',
  zendesk: '/api/v2/users/me.json',
  servicenow: '/api/now/table/sys_user?sysparm_limit=1',
  salesforce: '/services/data/v60.0/limits',
  // STS GetCallerIdentity needs no permission: any valid key may ask who it is.
  aws: '/?Action=GetCallerIdentity&Version=2011-06-15',
};

export const CONNECTION_SERVICES = Object.keys(CONNECTION_PROBES) as ConnectionService[];

export interface ConnectionTestRequest {
  /** The stored credential to test. */
  name: string;
  service: ConnectionService;
  /** The service's address, e.g. `https://api.mypurecloud.com`, `https://acme.zendesk.com`. */
  baseUrl: string;
}

export type ConnectionOutcome =
  'ok' | 'wrong-secret' | 'forbidden' | 'unreachable' | 'origin-not-allowed' | 'unexpected';

export interface ConnectionTestResult {
  outcome: ConnectionOutcome;
  /** The HTTP status the service (or its token endpoint) answered, when it answered. */
  status?: number;
  /** What happened, in words for the admin (`connection.*` codes). Never holds a secret. */
  message: Message;
}
