// Lint rules, including the layer boundaries of design.md: they are enforced here (and by
// the per-layer tsconfigs' lib/types), not left to discipline.
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';

const nodeBuiltins = [
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
];

export default tseslint.config(
  { ignores: ['dist/**', 'dist-renderer/**', 'release/**', 'node_modules/**', 'test-output/**'] },
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: {
      // Imports carry `.js` suffixes (NodeNext) while the sources are `.ts`: without this alias
      // the resolver finds no file and no-restricted-paths silently checks nothing.
      'import-x/resolver-next': [
        createNodeResolver({
          extensions: ['.ts', '.tsx', '.mjs', '.cjs', '.js', '.json', '.node'],
          extensionAlias: { '.js': ['.ts', '.tsx', '.js'] },
        }),
      ],
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './core',
              from: ['./runtime', './nodes', './renderer', './electron', './test'],
              message: 'core/ is the bottom layer: it imports only core/.',
            },
            {
              target: './runtime',
              from: ['./renderer', './electron'],
              message: 'The runtime never imports the renderer or Electron.',
            },
            {
              // Node-type tests drive their executors through the real runtime (test/support),
              // as cross-cutting tests may; the node types' own sources stay on core/.
              target: './nodes/**/!(*.test).ts',
              from: ['./runtime', './renderer', './electron'],
              message: 'Node types import core/ only; I/O comes through ExecContext.',
            },
            {
              target: './renderer',
              from: ['./runtime', './electron'],
              message: 'The renderer reaches its host only through HostApi.',
            },
            { target: './electron', from: ['./renderer'], message: 'Electron main/preload never import the renderer.' },
          ],
        },
      ],
    },
  },
  {
    files: ['core/**/*.ts', 'renderer/**/*.{ts,tsx}', 'nodes/*/manifest.ts', 'nodes/*/editor.ts', 'nodes/*/schema.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'No Node built-ins in core/, manifests, editors or the renderer.' },
            { group: ['electron'], message: 'Only electron/ may import Electron.' },
          ],
        },
      ],
    },
  },
  {
    files: ['runtime/**/*.ts', 'nodes/*/executor.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'react', 'react-dom', '@xyflow/*', 'monaco-editor'],
              message: 'The runtime has no UI and no Electron.',
            },
            { group: ['**/editor', '**/editor.js'], message: 'Editor halves belong to the renderer.' },
          ],
        },
      ],
    },
  },
);
