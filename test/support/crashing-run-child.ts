/**
 * The designer's run child with a test hook: a flow whose text holds `__abort_run_process__`
 * ends the process the way a V8 fatal error does (SIGABRT, no answer); a flow holding
 * `__mark_started__` writes FLOWDESK_TEST_MARK first, so a test knows the run is under way.
 */
import { writeFileSync } from 'node:fs';
import { handleRunRequest, type RunRequest } from '../../runtime/hosts/host-service/run-request.js';
import { serveParent } from '../../runtime/process/child-main.js';

serveParent(async (request: RunRequest) => {
  const text = request.kind === 'tests' ? request.flowText : request.request.flowText;
  if (text.includes('__abort_run_process__')) process.abort();
  if (text.includes('__mark_started__') && process.env.FLOWDESK_TEST_MARK) {
    writeFileSync(process.env.FLOWDESK_TEST_MARK, String(process.pid));
  }
  return handleRunRequest(request);
});
