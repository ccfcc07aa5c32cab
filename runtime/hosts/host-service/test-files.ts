/**
 * Flow test cases name payload and response files relative to the flow file
 * (`payloads/x.json`). The designer often has only the flow's text (unsaved edits), so the
 * host picks the directory those paths resolve in: the first candidate (the flow's own folder,
 * the workspace, its `flows/`, the product's `flows/`) where every referenced file exists.
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { FlowFile } from '../../../core/flow.js';
import { resolveInsideDir } from '../../files/confined-path.js';
import { readInputFile } from '../../files/read-input-file.js';

/** Every relative file a flow's tests reference (`payloadFile`, `bodyFile`). */
export function referencedTestFiles(flow: Pick<FlowFile, 'tests'>): string[] {
  const files = new Set<string>();
  for (const test of Array.isArray(flow.tests) ? flow.tests : []) {
    const payloadFile = test?.trigger?.payloadFile;
    if (typeof payloadFile === 'string' && test.trigger.body === undefined) files.add(payloadFile);
    for (const list of Object.values(test?.responses ?? {})) {
      for (const r of Array.isArray(list) ? list : []) {
        if (typeof r?.bodyFile === 'string') files.add(r.bodyFile);
      }
    }
  }
  return [...files];
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** The first candidate directory in which every referenced file exists; else the first candidate. */
export async function chooseBaseDir(flow: Pick<FlowFile, 'tests'>, candidates: readonly string[]): Promise<string> {
  if (candidates.length === 0) throw new Error('chooseBaseDir: no candidate directory');
  const files = referencedTestFiles(flow);
  if (files.length === 0) return candidates[0]!;
  for (const dir of candidates) {
    const found = await Promise.all(files.map((f) => isFile(resolve(dir, f))));
    if (found.every(Boolean)) return dir;
  }
  return candidates[0]!;
}

/**
 * Copies the test files `flow` references (`payloads/x.json`), found in `fromDir`, to the same
 * relative paths in `toDir`, so an exported copy keeps finding them inside its own folder:
 * files a flow names must resolve inside the flow's folder (runtime/files/confined-path.ts), so
 * rewriting them to `../payloads/x.json` would leave the export's tests refused. References
 * that do not resolve safely inside `fromDir` (absolute, `..` out, links out, hidden) or name
 * no file are skipped; running the export's tests reports them. Returns the paths copied.
 */
export async function copyTestFiles(flow: Pick<FlowFile, 'tests'>, fromDir: string, toDir: string): Promise<string[]> {
  if (resolve(fromDir) === resolve(toDir)) return [];
  const copied: string[] = [];
  for (const file of referencedTestFiles(flow)) {
    let source: string;
    let target: string;
    try {
      source = await resolveInsideDir(fromDir, file, 'test file');
      target = await resolveInsideDir(toDir, file, 'test file');
    } catch {
      continue;
    }
    if (!(await isFile(source))) continue;
    const text = await readInputFile(source, { what: 'test file' });
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, text);
    copied.push(file);
  }
  return copied;
}
