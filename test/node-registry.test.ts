/**
 * The one list of node types (nodes/node-types.ts) and the registries derived from it: the
 * manifests, the runtime's executors and the renderer's editor halves agree type for type, and
 * nothing the renderer builds or type-checks can reach an executor or registry.runtime.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { hasSideEffects, portsOf, type AnyNodeTypeManifest } from '../core/node-type.js';
import { templateFields } from '../core/template-fields.js';
import { NODE_TYPES } from '../nodes/node-types.js';
import { NODE_MANIFESTS, manifestFor } from '../nodes/registry.js';
import { NODE_EDITORS, editorFor } from '../nodes/registry.editor.js';
import { NODE_EXECUTORS } from '../nodes/registry.runtime.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

describe('node types: one list, three views', () => {
  const ids = NODE_TYPES.map((m) => m.type);

  it('lists each type once, and the manifests, executors and editors cover exactly the list', () => {
    expect(new Set(ids).size).toBe(ids.length);
    expect(NODE_MANIFESTS.map((m) => m.type)).toEqual(ids);
    expect([...NODE_EXECUTORS.keys()].sort()).toEqual([...ids].sort());
    expect(NODE_EDITORS.map((e) => e.type).sort()).toEqual([...ids].sort());
    for (const id of ids) {
      expect(manifestFor(id)?.type).toBe(id);
      expect(NODE_EXECUTORS.get(id)?.type, `executor registered as ${id}`).toBe(id);
      expect(editorFor(id)?.type, `editor registered as ${id}`).toBe(id);
    }
  });

  it('gives every declaration the half that serves it', () => {
    for (const manifest of NODE_MANIFESTS) {
      const executor = NODE_EXECUTORS.get(manifest.type)!;
      // The server calls the trigger's verifier through the manifest's declaration.
      expect(typeof executor.verifyInbound === 'function', `${manifest.type} verifyInbound`).toBe(
        manifest.verifiesInbound === true,
      );
      if (manifest.verifiesInbound)
        expect(manifest.triggerKind, `${manifest.type} verifies, so it triggers`).toBeDefined();
      // Every x-template mode is one the validator, the compiler and the editor know.
      for (const field of templateFields(manifest.configSchema))
        expect(['text', 'url', 'value', 'expression', 'none']).toContain(field.mode);
      // Port labels name real ports: ones the type always has, or one its config gives it.
      for (const port of Object.keys(editorFor(manifest.type)?.portLabels ?? {}))
        expect(possiblePorts(manifest), manifest.type).toContain(port);
    }
    expect(NODE_MANIFESTS.filter((m) => m.triggerKind).length).toBeGreaterThan(0);
  });

  it('declares side effects for every node that sends writes, waits or writes the state store', () => {
    // A node left without the declaration is repeated when a server resumes a run after a crash.
    const withEffects = (type: string, config: Record<string, unknown> = {}) => {
      const manifest = manifestFor(type)!;
      return hasSideEffects(manifest, { ...manifest.defaults, ...config });
    };
    const effects = ['ticket', 'record', 'remember', 'wait', 'applyToEach'];
    const none = ['condition', 'switch', 'code', 'recall', 'respondToWebhook', 'webhookTrigger', 'scheduleTrigger'];
    for (const type of effects) expect(withEffects(type), type).toBe(true);
    for (const type of none) expect(withEffects(type), type).toBe(false);
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) expect(withEffects('webService', { method })).toBe(true);
    expect(withEffects('webService', { method: 'GET' })).toBe(false);
    // A new type must be placed in one of the lists.
    expect([...effects, ...none, 'webService'].sort()).toEqual([...ids].sort());
  });
});

/**
 * The ports a type always has plus those `portsFor` gives when one top-level choice (an enum
 * setting, such as a Record's action) takes each of its values on the defaults.
 */
function possiblePorts(manifest: AnyNodeTypeManifest): Set<string> {
  const ports = new Set(manifest.ports);
  const properties = (manifest.configSchema.properties ?? {}) as Record<string, { enum?: unknown[] }>;
  for (const [name, property] of Object.entries(properties))
    for (const value of property.enum ?? [])
      for (const port of portsOf(manifest, { ...manifest.defaults, [name]: value })) ports.add(port);
  return ports;
}

/** Relative imports of one TypeScript file, resolved to .ts/.tsx files of this repository. */
function localImports(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  const out: string[] = [];
  for (const ref of info.importedFiles) {
    if (!ref.fileName.startsWith('.')) continue;
    const base = resolve(dirname(file), ref.fileName).replace(/\.js$/, '');
    for (const candidate of [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
      try {
        readFileSync(candidate);
        out.push(candidate);
        break;
      } catch {
        // try the next extension
      }
    }
  }
  return out;
}

const RUNTIME_HALVES = /^nodes\/([^/]+\/executor|registry\.runtime)\.ts$/;

describe('the renderer cannot reach executors', () => {
  it('imports no executor and no registry.runtime, directly or through other modules', () => {
    const entry = join(root, 'renderer/main.tsx');
    const seen = new Set<string>();
    const queue = [entry];
    const reached: string[] = [];
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      const rel = relative(root, file);
      if (RUNTIME_HALVES.test(rel)) reached.push(rel);
      queue.push(...localImports(file));
    }
    expect(seen.size).toBeGreaterThan(50); // the walk really followed the renderer's imports
    expect([...seen].some((f) => relative(root, f) === 'nodes/registry.editor.ts')).toBe(true);
    expect(reached).toEqual([]);
  });

  it('type-checks (tsconfig.renderer.json) no executor and no registry.runtime', () => {
    const config = ts.readConfigFile(join(root, 'tsconfig.renderer.json'), ts.sys.readFile);
    const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
    const files = parsed.fileNames.map((f) => relative(root, f));
    expect(files).toContain('nodes/registry.editor.ts');
    expect(files.filter((f) => RUNTIME_HALVES.test(f))).toEqual([]);
  });

  it('is refused by the lint zone when renderer code imports one', async () => {
    const eslint = new ESLint({ cwd: root });
    for (const specifier of ['../../nodes/web-service/executor.js', '../../nodes/registry.runtime.js']) {
      const [result] = await eslint.lintText(`import '${specifier}';\n`, {
        filePath: join(root, 'renderer/inspector/probe.ts'),
      });
      const messages = result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
      expect(messages.join('\n'), specifier).toMatch(/may not import node executors/);
    }
    // The editor registry stays allowed.
    const [ok] = await eslint.lintText(`import '../../nodes/registry.editor.js';\n`, {
      filePath: join(root, 'renderer/inspector/probe.ts'),
    });
    expect(ok!.messages.filter((m) => m.ruleId === 'no-restricted-imports')).toEqual([]);
  });
});
