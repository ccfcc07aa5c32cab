/** Runtime half of Echo: fills in the text template at run time. */
import type { NodeExecutor } from '../../../../core/node-type.js';
import { configCompiler } from '../../../../core/template-fields.js';
import { echoManifest, type EchoConfig } from './manifest.js';

export const echoExecutor: NodeExecutor<EchoConfig> = {
  type: echoManifest.type,
  prepare(node, tools) {
    // Compiled once per flow load, with the mode the schema declares for /text.
    const text = configCompiler(echoManifest.configSchema, tools).template('/text', node.config.text);
    return {
      async run(ctx) {
        const value = String(await text.evaluate(ctx.scope));
        return { port: 'out', output: { text: value }, vars: { echo: value }, input: { text: value } };
      },
    };
  },
};
