/**
 * The Code task's sandbox when the caller supplies none: the QuickJS sandbox, created on the
 * first Code node that runs so flows without code never load the WebAssembly module.
 */
import type { CodeSandbox } from '../../core/node-type.js';

export function defaultSandbox(): CodeSandbox {
  let sandbox: Promise<CodeSandbox> | undefined;
  return {
    async run(source, input, limits) {
      sandbox ??= import('../sandbox/quickjs-sandbox.js').then((m) => m.createQuickJsSandbox());
      return (await sandbox).run(source, input, limits);
    },
  };
}
