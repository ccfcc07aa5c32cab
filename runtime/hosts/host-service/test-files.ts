/**
 * Flow test cases name payload and response files relative to the flow file
 * (`payloads/x.json`). The designer often has only the flow's text (unsaved edits), so the
 * host picks the directory those paths resolve in: the first candidate (the flow's own folder,
 * the workspace, its `flows/`, the product's `flows/`) where every referenced file exists.
 */
import { stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import type { FlowFile } from '../../../core/flow.js';

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
 * A copy of `flow` whose relative test file references, written for `fromDir`, are rewritten
 * to resolve from `toDir` (an export written into another folder keeps finding its payloads).
 * Paths that already resolve from `toDir`, absolute paths and unknown files are left alone.
 */
export async function rebaseTestFiles<F extends Pick<FlowFile, 'tests'>>(
  flow: F,
  fromDir: string,
  toDir: string,
): Promise<F> {
  if (resolve(fromDir) === resolve(toDir) || !Array.isArray(flow.tests)) return flow;
  const moves = new Map<string, string>();
  for (const file of referencedTestFiles(flow)) {
    if (isAbsolute(file) || (await isFile(resolve(toDir, file)))) continue;
    const abs = resolve(fromDir, file);
    if (await isFile(abs)) moves.set(file, relative(toDir, abs).split('\\').join('/'));
  }
  if (moves.size === 0) return flow;
  const tests = flow.tests.map((test) => {
    const trigger =
      typeof test.trigger?.payloadFile === 'string' && moves.has(test.trigger.payloadFile)
        ? { ...test.trigger, payloadFile: moves.get(test.trigger.payloadFile)! }
        : test.trigger;
    const responses = test.responses
      ? Object.fromEntries(
          Object.entries(test.responses).map(([node, list]) => [
            node,
            list.map((r) =>
              typeof r.bodyFile === 'string' && moves.has(r.bodyFile) ? { ...r, bodyFile: moves.get(r.bodyFile)! } : r,
            ),
          ]),
        )
      : test.responses;
    return { ...test, trigger, ...(responses ? { responses } : {}) };
  });
  return { ...flow, tests };
}
