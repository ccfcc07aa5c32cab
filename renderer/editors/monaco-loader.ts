/** Loads Monaco once, on first use, as its own chunk. */
export type MonacoModule = typeof import('./monaco-setup.js');

let loading: Promise<MonacoModule> | undefined;

export function loadMonaco(): Promise<MonacoModule> {
  loading ??= import('./monaco-setup.js');
  return loading;
}
