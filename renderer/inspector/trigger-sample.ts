/**
 * The sample trigger payload the autocomplete and the sample picker read `trigger.body.…`
 * paths from: the file the trigger's `samplePayload` names (matched by base name among
 * `host.listSamples()`), else the sample the admin last picked in the test bench (kept in
 * memory for this window only), else the first test case's payload.
 */
import { isTrigger } from '../../core/node-type.js';
import { manifestFor } from '../../nodes/registry.js';
import { editorFor } from '../../nodes/registry.editor.js';
import { useEffect, useMemo, useState } from 'react';
import { create } from 'zustand';
import type { FlowFile } from '../../core/flow.js';
import type { SamplePayload } from '../../core/host-api.js';

interface SampleMemory {
  /** File name of the sample picked in the test bench. */
  picked?: string;
  pick(name: string | undefined): void;
}

export const useSampleMemory = create<SampleMemory>()((set) => ({
  picked: undefined,
  pick: (name) => set({ picked: name }),
}));

let samples: Promise<SamplePayload[]> | undefined;

/** The host's sample payloads, fetched once per window (they ship with the app). */
export function loadSamples(): Promise<SamplePayload[]> {
  samples ??= (globalThis.window?.host?.listSamples() ?? Promise.resolve([])).catch(() => {
    samples = undefined;
    return [];
  });
  return samples;
}

function basename(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** The sample file name to use for this flow, if any. */
export function sampleNameFor(
  flow: FlowFile,
  picked: string | undefined,
  available: readonly SamplePayload[],
): string | undefined {
  const trigger = flow.nodes.find((n) => isTrigger(manifestFor(n.type)));
  const configured = trigger ? editorFor(trigger.type)?.samplePayload?.(trigger.config) : undefined;
  if (typeof configured === 'string' && configured !== '') {
    const name = basename(configured);
    if (available.some((s) => s.name === name)) return name;
  }
  return picked && available.some((s) => s.name === picked) ? picked : undefined;
}

function parsed(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The body of the first test case that has one: inline, or its payload file when that is one
 * of the host's samples. A flow whose tests carry events needs no separate sample file.
 */
export function testCaseSample(tests: FlowFile['tests'], available: readonly SamplePayload[]): unknown {
  for (const test of tests ?? []) {
    if (test.trigger.body !== undefined) return test.trigger.body;
    const file = test.trigger.payloadFile;
    if (file) {
      const text = available.find((s) => s.name === basename(file))?.text;
      const value = parsed(text);
      if (value !== undefined) return value;
    }
  }
  return undefined;
}

/** Parsed JSON of the sample payload for `flow`, or undefined. */
export function useTriggerSample(flow: FlowFile): unknown {
  const picked = useSampleMemory((s) => s.picked);
  const [available, setAvailable] = useState<SamplePayload[]>([]);
  useEffect(() => {
    let live = true;
    void loadSamples().then((list) => live && setAvailable(list));
    return () => {
      live = false;
    };
  }, []);
  const name = sampleNameFor(flow, picked, available);
  const text = available.find((s) => s.name === name)?.text;
  const fromFile = useMemo(() => parsed(text), [text]);
  const tests = flow.tests;
  const fromTests = useMemo(
    () => (name === undefined ? testCaseSample(tests, available) : undefined),
    [name, tests, available],
  );
  return fromFile ?? fromTests;
}
