/**
 * What the engine hands a node beyond its scope: credentials resolved through the flow's
 * declarations and the run's provider (secrets registered with the run's redactor), and an
 * HTTP client bound to the node (its name for the recorded transport, its credential slots,
 * its step's request trace).
 */
import type { ResolvedCredential } from '../../core/credentials.js';
import type { FlowFile, FlowNode } from '../../core/flow.js';
import type { HttpClient } from '../../core/node-type.js';
import type { RequestTrace } from '../../core/trace.js';
import type { CredentialProvider } from '../credentials/provider.js';
import { resolveCredential } from '../credentials/resolve.js';
import { abortableSleep, createHttpClient } from '../http/http-client.js';
import type { OutboundRateLimiter } from '../http/rate-limiter.js';
import type { TokenCache } from '../http/token-cache.js';
import type { Transport } from '../http/transport.js';
import type { Redactor } from '../redactor.js';

export function resolveNodeCredential(
  name: string,
  flow: FlowFile,
  provider: CredentialProvider,
  redactor: Redactor,
): Promise<ResolvedCredential> {
  return resolveCredential(name, flow.credentials?.[name], provider, redactor);
}

export interface NodeHttpDeps {
  node: FlowNode;
  transport: Transport;
  signal: AbortSignal;
  sleep: ((ms: number, signal: AbortSignal) => Promise<void>) | undefined;
  now: () => number;
  tokenCache: TokenCache;
  redactor: Redactor;
  credential(slot: string): Promise<ResolvedCredential | undefined>;
  onRequest(trace: RequestTrace): void;
  rateLimiter?: OutboundRateLimiter;
}

export function createNodeHttp(deps: NodeHttpDeps): HttpClient {
  return createHttpClient({
    nodeName: deps.node.name,
    transport: deps.transport,
    credential: deps.credential,
    tokens: deps.tokenCache,
    redactor: deps.redactor,
    onRequest: deps.onRequest,
    sleep: deps.sleep ?? abortableSleep,
    signal: deps.signal,
    now: deps.now,
    ...(deps.rateLimiter ? { rateLimiter: deps.rateLimiter } : {}),
  });
}
