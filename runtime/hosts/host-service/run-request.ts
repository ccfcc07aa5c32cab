/**
 * One run request as a host hands it to a run process, and the handler that serves it there:
 * the flow's test cases (test bench) or one run. Shared by the browser designer's run child
 * (run-child.ts, started through runtime/process/child-runner.ts) so the host process itself
 * never executes a flow.
 */
import { fileURLToPath } from 'node:url';
import type { RunFlowRequest } from '../../../core/host-api.js';
import type { TestReport } from '../../../core/test-report.js';
import type { RunTrace } from '../../../core/trace.js';
import type { CredentialProvider, StoredCredential } from '../../credentials/provider.js';

export type RunRequest =
  | { kind: 'tests'; flowText: string; testName?: string; baseDirs: string[]; fileName?: string }
  | {
      kind: 'flow';
      request: RunFlowRequest;
      baseDirs: string[];
      fileName?: string;
      /** Values of the credentials the flow declares, for this run only (live runs). */
      credentials: Record<string, StoredCredential>;
    };

/** The run child's entry next to this module (the `.ts` source under tests). */
export function defaultRunChildPath(): string {
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  return fileURLToPath(new URL(`./run-child${ext}`, import.meta.url));
}

export async function handleRunRequest(message: RunRequest): Promise<TestReport | RunTrace> {
  const { runFlow, runTests } = await import('./run.js');
  const place = { baseDirs: message.baseDirs, ...(message.fileName ? { fileName: message.fileName } : {}) };
  if (message.kind === 'tests') return runTests(message.flowText, message.testName, place);
  const values = message.credentials;
  const credentials: CredentialProvider = {
    get: async (name) => (Object.prototype.hasOwnProperty.call(values, name) ? values[name] : undefined),
  };
  return runFlow(message.request, place, credentials);
}

/** The values of the credentials a flow declares, looked up in the host's store before a live run. */
export async function credentialsForFlow(
  flowText: string,
  provider: CredentialProvider,
): Promise<Record<string, StoredCredential>> {
  let names: string[] = [];
  try {
    const declared = (JSON.parse(flowText) as { credentials?: unknown }).credentials;
    if (declared && typeof declared === 'object' && !Array.isArray(declared)) names = Object.keys(declared);
  } catch {
    return {};
  }
  const out: Record<string, StoredCredential> = {};
  for (const name of names) {
    const found = await provider.get(name);
    if (found) out[name] = found;
  }
  return out;
}
