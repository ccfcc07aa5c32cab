/**
 * The run utility process (`utilityProcess.fork`): runs flows and test cases through the
 * runtime, away from main (which stays responsive) and from the renderer (which never sees a
 * credential). One process per run; main kills it when the answer is in or a watchdog fires.
 */
import type { MessageEvent, ParentPort } from 'electron';
import type { CredentialProvider } from '../../runtime/credentials/provider.js';
import type { RunReplyMessage, RunRequestMessage } from './run-protocol.js';

export async function handleRunMessage(message: RunRequestMessage): Promise<RunReplyMessage> {
  try {
    const { runFlow, runTests } = await import('../../runtime/hosts/host-service/run.js');
    if (message.kind === 'tests') {
      const result = await runTests(message.flowText, message.testName, {
        baseDirs: message.baseDirs,
        ...(message.fileName ? { fileName: message.fileName } : {}),
      });
      return { id: message.id, ok: true, result };
    }
    const values = message.credentials;
    const credentials: CredentialProvider = {
      get: async (name) => (Object.prototype.hasOwnProperty.call(values, name) ? values[name] : undefined),
    };
    const result = await runFlow(
      message.request,
      { baseDirs: message.baseDirs, ...(message.fileName ? { fileName: message.fileName } : {}) },
      credentials,
    );
    return { id: message.id, ok: true, result };
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
