/**
 * The run utility process (`utilityProcess.fork`): runs flows and test cases through the
 * runtime, away from main (which stays responsive) and from the renderer (which never sees a
 * credential). One process per run; main kills it when the answer is in or a watchdog fires.
 */
import type { MessageEvent, ParentPort } from 'electron';
import type { RunReplyMessage, RunRequestMessage } from './run-protocol.js';

export async function handleRunMessage(message: RunRequestMessage): Promise<RunReplyMessage> {
  try {
    // The same handler as the browser designer's run child process.
    const { handleRunRequest } = await import('../../runtime/hosts/host-service/run-request.js');
    const { id: _id, ...request } = message;
    return { id: message.id, ok: true, result: await handleRunRequest(request) };
  } catch (err) {
    return { id: message.id, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

// Only when started by utilityProcess.fork (parentPort exists there, not under tests).
const parentPort = (process as NodeJS.Process & { parentPort?: ParentPort }).parentPort;
if (parentPort) {
  parentPort.on('message', (event: MessageEvent) => {
    void handleRunMessage(event.data as RunRequestMessage).then((reply) => parentPort.postMessage(reply));
  });
}
