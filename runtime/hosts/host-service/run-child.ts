/**
 * Entry of the browser designer's run child process (see runtime/process/child-runner.ts):
 * flows and test cases run here, so a slow Code task cannot stall the designer's other
 * requests and a run that crashes V8 ends only this process.
 */
import { serveParent } from '../../process/child-main.js';
import { handleRunRequest } from './run-request.js';

serveParent(handleRunRequest);
