/** What the inspector's custom widgets and fields read from @rjsf's `formContext`. */
import type { TriggerSchedule } from '../../core/schedule/schedule.js';
import type { PathOption } from './available-paths.js';
import type { SampleRoot } from './sample-tree.js';

export interface InspectorFormContext {
  nodeId: string;
  /** Paths the template autocomplete offers at this node. */
  paths: readonly PathOption[];
  /** JSONPath suggestions for fields that pick a value out of a body (webhook fields, response mapping). */
  jsonPaths: readonly PathOption[];
  /** What the "Pick from sample…" tree shows beside template/expression fields and JSONPath fields. */
  samples: { template: readonly SampleRoot[]; jsonpath: readonly SampleRoot[] };
  /** Why the list offers little (not wired yet, no sample payload), shown above the options. */
  pathHint?: string;
  /** `.d.ts` text for the Code editor: what `trigger`, `steps` and `vars` hold here. */
  codeTypings: string;
  /** Words in the UI language. */
  t: (key: string, vars?: Record<string, string | number>) => string;
  /** A schedule trigger's schedule as its manifest reads the config (`scheduleOf`); undefined when it does not read. */
  schedule?: TriggerSchedule;
  /**
   * For a loop's per-item fields (`"x-scope": "body"` in the schema, read after each item's
   * body ran): the paths and samples there, the body's steps and `item` included.
   */
  bodyScope?: { paths: readonly PathOption[]; samples: readonly SampleRoot[] };
}

/** A safe view of an unknown `formContext` (rjsf types it loosely). */
export function inspectorContext(formContext: unknown): InspectorFormContext {
  const ctx = (formContext ?? {}) as Partial<InspectorFormContext>;
  return {
    nodeId: ctx.nodeId ?? '',
    paths: ctx.paths ?? [],
    jsonPaths: ctx.jsonPaths ?? [],
    samples: ctx.samples ?? { template: [], jsonpath: [] },
    ...(ctx.pathHint ? { pathHint: ctx.pathHint } : {}),
    codeTypings: ctx.codeTypings ?? '',
    t: ctx.t ?? ((key) => key),
    ...(ctx.schedule ? { schedule: ctx.schedule } : {}),
    ...(ctx.bodyScope ? { bodyScope: ctx.bodyScope } : {}),
  };
}

/** `root_headers_0_value` → `template-_headers_0_value` (the e2e suite's hook for template inputs). */
export function templateTestId(fieldId: string): string {
  return `template-${fieldId.replace(/^root/, '')}`;
}
