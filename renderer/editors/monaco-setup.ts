/**
 * Monaco, bundled locally (the CSP allows no CDN and no eval): the full editor with its
 * contributions (the bare `editor.api` lacks the services they need), JSON with validation,
 * and JavaScript with TypeScript-powered typings. Loaded through `loadMonaco()` so none of it
 * is in the first paint.
 */
import * as monaco from 'monaco-editor';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker?worker';
import TsWorker from 'monaco-editor/language/typescript/ts.worker?worker';

// Workers come from our own bundle (`worker-src 'self'`), one per language service.
self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    if (label === 'json') return new JsonWorker();
    if (label === 'typescript' || label === 'javascript') return new TsWorker();
    return new EditorWorker();
  },
};

// The Code task's source is a function body: a top-level `return` is what it is meant to do
// (TS 1108), and the sandbox has no DOM, so the default lib must not offer `window`/`fetch`.
monaco.typescript.javascriptDefaults.setCompilerOptions({
  target: 99 /* ESNext */,
  allowJs: true,
  checkJs: true,
  allowNonTsExtensions: true,
  noLib: false,
  lib: ['es2020'],
});
monaco.typescript.javascriptDefaults.setDiagnosticsOptions({
  noSemanticValidation: false,
  noSyntaxValidation: false,
  diagnosticCodesToIgnore: [1108, 2304 /* names unknown to the typings are reported at run time */],
});

export const jsonDefaults = monaco.json.jsonDefaults;
export const javascriptDefaults = monaco.typescript.javascriptDefaults;
export { monaco };
