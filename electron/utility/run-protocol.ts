/** Messages between main (run-host.ts) and the run utility process (run-worker.ts). */
import type { RunFlowRequest } from '../../core/host-api.js';
import type { StoredCredential } from '../../runtime/credentials/provider.js';

export type RunRequestMessage =
  | { id: number; kind: 'tests'; flowText: string; testName?: string; baseDirs: string[]; fileName?: string }
  | {
      id: number;
      kind: 'flow';
      request: RunFlowRequest;
      baseDirs: string[];
      fileName?: string;
      /** Values of the credentials the flow declares, for this run only (live runs). */
      credentials: Record<string, StoredCredential>;
    };

export type RunReplyMessage = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };
