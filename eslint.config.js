// Lint rules, including the layer boundaries of design.md: they are enforced here (and by
// the per-layer tsconfigs' lib/types), not left to discipline.
//
// The boundaries match import specifiers with ESLint's own no-restricted-imports (a regex on the
// path) rather than a resolver-based plugin: the specifiers name the layer folder directly
// (`../../runtime/…`), and the resolver plugins pull in native bindings that npm 11 leaves out of
// the lock file, which breaks `npm ci`.
import tseslint from 'typescript-eslint';
import noLiteralUiText from './scripts/eslint/no-literal-ui-text.js';

const nodeBuiltins = {
  group: [
    'node:*',
    'fs',
    'fs/promises',
    'path',
    'os',
    'child_process',
    'crypto',
    'http',
    'https',
    'net',
    'url',
    'stream',
    'util',
    'worker_threads',
    'vm',
    'zlib',
    'events',
    'process',
    'buffer',
  ],
  message: 'No Node built-ins in core/, manifests, editors or the renderer.',
};
const electronOnly = { group: ['electron'], message: 'Only electron/ may import Electron.' };
const noUi = {
  group: ['electron', 'react', 'react-dom', '@xyflow/*', 'monaco-editor'],
  message: 'The runtime and node executors have no UI and no Electron.',
};
const noEditorHalves = {
  regex: '(^|/)nodes/[^/]+/editor(\\.js)?$|^\\./editor(\\.js)?$',
  message: 'Editor halves belong to the renderer.',
};

const noRuntimeHalves = {
  regex: '(^|/)nodes/([^/]+/executor|registry\\.runtime)(\\.js)?$',
  message: 'The renderer may not import node executors or nodes/registry.runtime: they stay out of its bundle.',
};
const engineNotHosts = {
  regex: '(^|/)hosts/',
  message: 'The engine (runtime/ outside runtime/hosts/) never imports a host; hosts import the engine.',
};

/** A pattern refusing imports that reach into one of `folders` (a path segment of the specifier). */
function layers(folders, message) {
  return { regex: `(^|/)(${folders.join('|')})/`, message };
}

function restrict(files, patterns, ignores = ['**/*.test.ts', '**/*.test.tsx']) {
  return { files, ignores, rules: { 'no-restricted-imports': ['error', { patterns }] } };
}

export default tseslint.config(
  { ignores: ['dist/**', 'dist-renderer/**', 'release/**', 'node_modules/**', 'test-output/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Tests that break flow JSON on purpose (`f.nodes[1].config.url = 'ftp://x'`) and fake
  // Electron objects still reach into values loosely; production code may not.
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'test/e2e/support/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  restrict(
    ['core/**/*.ts'],
    [
      layers(['runtime', 'nodes', 'renderer', 'electron', 'test'], 'core/ is the bottom layer: it imports only core/.'),
      nodeBuiltins,
      electronOnly,
    ],
  ),
  // Node types import core/ only; their I/O comes through ExecContext. Their tests may drive
  // executors through the real runtime (test/support), as cross-cutting tests do.
  restrict(
    [
      'nodes/*/manifest.ts',
      'nodes/*/editor.ts',
      'nodes/*/i18n.ts',
      'nodes/node-types.ts',
      'nodes/node-kit.ts',
      'nodes/registry.ts',
      'nodes/registry.editor.ts',
    ],
    [
      layers(['runtime', 'renderer', 'electron'], 'Node types import core/ only; I/O comes through ExecContext.'),
      nodeBuiltins,
      electronOnly,
    ],
  ),
  {
    ...restrict(
      ['nodes/**/*.ts'],
      [
        layers(['runtime', 'renderer', 'electron'], 'Node types import core/ only; I/O comes through ExecContext.'),
        noUi,
        noEditorHalves,
      ],
    ),
    ignores: [
      '**/*.test.ts',
      'nodes/*/manifest.ts',
      'nodes/*/editor.ts',
      'nodes/*/i18n.ts',
      'nodes/node-types.ts',
      'nodes/node-kit.ts',
      'nodes/registry.ts',
      'nodes/registry.editor.ts',
    ],
  },
  // runtime/ is the engine plus its hosts (runtime/hosts/<host>/: CLI, designer host, host
  // service, server, worker). Hosts import the engine; the engine never imports a host, so every
  // host gets the same engine and a new host cannot bend it.
  restrict(
    ['runtime/hosts/**/*.ts'],
    [layers(['renderer', 'electron'], 'The runtime never imports the renderer or Electron.'), noUi, noEditorHalves],
  ),
  {
    ...restrict(
      ['runtime/**/*.ts'],
      [
        layers(['renderer', 'electron'], 'The runtime never imports the renderer or Electron.'),
        noUi,
        noEditorHalves,
        engineNotHosts,
      ],
    ),
    ignores: ['**/*.test.ts', 'runtime/hosts/**'],
  },
  // The engine's own tests drive the engine, not a host.
  { ...restrict(['runtime/**/*.test.ts'], [engineNotHosts], []), ignores: ['runtime/hosts/**'] },
  restrict(
    ['renderer/**/*.{ts,tsx}'],
    [
      layers(['runtime', 'electron'], 'The renderer reaches its host only through HostApi.'),
      noRuntimeHalves,
      nodeBuiltins,
      electronOnly,
    ],
  ),
  restrict(['electron/**/*.ts'], [layers(['renderer'], 'Electron main/preload never import the renderer.')]),
  // Words a person reads come from the i18n catalogues (issue 11: Japanese mode everywhere).
  {
    files: ['renderer/**/*.tsx'],
    plugins: { flowdesk: { rules: { 'no-literal-ui-text': noLiteralUiText } } },
    rules: { 'flowdesk/no-literal-ui-text': 'error' },
  },
);
