/**
 * Code: a short JavaScript function run in a sandbox with no network, file or timer access
 * (the Qualtrics "Code" task). It sees `trigger`, `steps` and `vars`, returns JSON, and its
 * console output goes into the trace.
 */
import { addMessages } from '../../core/messages/format.js';
import { defineManifest, type ConfigOf, type NodeConfigIssue } from '../../core/node-type.js';
import { codeMessages } from './messages.js';

addMessages(codeMessages);

/** Sources are stored in the flow file; 64 KB is far beyond any sensible transform. */
export const MAX_SOURCE_BYTES = 64 * 1024;

export const codeConfigSchema = {
  type: 'object',
  title: 'Code',
  additionalProperties: false,
  required: ['source', 'timeoutMs', 'memoryMB'],
  properties: {
    source: {
      type: 'string',
      title: 'JavaScript',
      description:
        'The body of a function that sees trigger, steps, vars and params (the flow parameters) and returns the result, e.g. return { agentId: steps.getDetails.fields.agentIds[0] }. Qualtrics style also works: define function codeTask() { … return {…} } and it is called. No network, files or timers; use console.log to write to the run log.',
      // Code, not a template: {{ }} in it is JavaScript.
      'x-template': 'none',
    },
    timeoutMs: {
      type: 'integer',
      title: 'Time limit (ms)',
      description: 'The code is stopped if it runs longer than this (1000 ms = 1 second). At most 10000.',
      minimum: 10,
      maximum: 10000,
    },
    memoryMB: {
      type: 'integer',
      title: 'Memory limit (MB)',
      description: 'The code is stopped if it needs more memory than this. At most 128.',
      minimum: 8,
      maximum: 128,
    },
  },
} as const;

/**
 * Config of a Code node (v1).
 *
 * ```json
 * { "source": "const d = steps.getDetails.fields;\nreturn { agentId: d.agentIds[0] ?? null };",
 *   "timeoutMs": 1000, "memoryMB": 32 }
 * ```
 *
 * Derived from the schema: a schema change the code does not follow fails type-checking.
 */
export type CodeConfig = ConfigOf<typeof codeConfigSchema>;

export const codeManifest = defineManifest<CodeConfig>()({
  type: 'code',
  version: 1,
  category: 'logic',
  title: 'Code',
  configSchema: codeConfigSchema,
  defaults: {
    source: '// trigger, steps and vars are available here.\nreturn {};\n',
    timeoutMs: 1000,
    memoryMB: 32,
  },
  ports: ['success', 'error'],
  errorPort: 'error',
  // The trace shows what the node returned (Code's result, the ticket's id and number).
  trace: { showOutput: true },
  credentialSlots: [],
  // The source is JavaScript: `{{ }}` in it is code (e.g. an object literal), not a template.
  check: checkCode,
});

/** Semantic checks the JSON Schema cannot express. */
export function checkCode(config: CodeConfig): NodeConfigIssue[] {
  const issues: NodeConfigIssue[] = [];
  const source = typeof config.source === 'string' ? config.source : '';
  if (source.trim() === '') {
    issues.push({ pointer: '/source', code: 'code.empty', message: codeMessages.en['code.empty']() });
  }
  const bytes = utf8Length(source);
  if (bytes > MAX_SOURCE_BYTES) {
    const params = { kb: Math.ceil(bytes / 1024), limitKb: MAX_SOURCE_BYTES / 1024 };
    issues.push({
      pointer: '/source',
      code: 'code.too-large',
      params,
      message: codeMessages.en['code.too-large'](params),
    });
  }
  return issues;
}

/** UTF-8 byte length without TextEncoder (manifests compile without DOM or Node types). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
