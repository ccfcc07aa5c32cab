/** Messages between main (run-host.ts) and the run utility process (run-worker.ts). */
import type { RunRequest } from '../../runtime/hosts/host-service/run-request.js';

/** A run request (shared with the browser designer's run child) with the id its reply carries. */
export type RunRequestMessage = RunRequest & { id: number };

export type RunReplyMessage = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };
