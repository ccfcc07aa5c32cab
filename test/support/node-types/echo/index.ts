/** The Echo node type as one registration: its folder's manifest with each half. */
import { echoEditor } from './editor.js';
import { echoExecutor } from './executor.js';
import { echoManifest } from './manifest.js';

export const echoNodeType = { manifest: echoManifest, executor: echoExecutor, editor: echoEditor };
