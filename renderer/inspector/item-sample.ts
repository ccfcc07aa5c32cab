/**
 * An example of the item a loop's body runs for, found by following the loop's Items template
 * through the flow's samples: `{{ trigger.body.users }}` in the trigger's sample payload,
 * `{{ steps.getConversation.body.participants[purpose = "agent"][] }}` in that node's
 * recorded response. The autocomplete offers `item.…` paths from it, and "Pick from sample…"
 * shows it.
 *
 * Only plain paths are followed (names, `[n]`, `[]`, and a `[field = "value"]` filter); a
 * template doing more gives no example, and the body still gets `item` and `index`. The
 * renderer has no JSONata: expressions run in the host.
 */
import type { FlowFile, FlowNode } from '../../core/flow.js';
import { recordedBody } from './available-paths.js';

type Step =
  { kind: 'name'; name: string } | { kind: 'index'; at: number } | { kind: 'filter'; field: string; value: unknown };

const TOKEN =
  /^(?:\.\s*([A-Za-z_$][\w$]*)|\.\s*`([^`]*)`|\[\s*(\d+)\s*\]|\[\s*\]|\[\s*([A-Za-z_$][\w$]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|(-?\d+(?:\.\d+)?)|(true|false))\s*\])\s*/;

/** The expression's root and steps, or undefined when it is more than a plain path. */
function parsePath(expression: string): { root: string[]; steps: Step[] } | undefined {
  const start = /^\s*(trigger\s*\.\s*body|steps\s*\.\s*([A-Za-z_$][\w$]*)\s*\.\s*body)\s*/.exec(expression);
  if (!start) return undefined;
  const root = start[2] !== undefined ? ['steps', start[2]] : ['trigger'];
  const steps: Step[] = [];
  let rest = expression.slice(start[0].length);
  while (rest !== '') {
    const m = TOKEN.exec(rest);
    if (!m) return undefined;
    if (m[1] !== undefined || m[2] !== undefined) steps.push({ kind: 'name', name: (m[1] ?? m[2])! });
    else if (m[3] !== undefined) steps.push({ kind: 'index', at: Number(m[3]) });
    else if (m[4] !== undefined) {
      const value =
        m[5] ?? m[6] ?? (m[7] !== undefined ? Number(m[7]) : m[8] !== undefined ? m[8] === 'true' : undefined);
      steps.push({ kind: 'filter', field: m[4], value });
    }
    rest = rest.slice(m[0].length);
  }
  return { root, steps };
}

/** Reads a name through arrays as JSONata does (each element's value, flattened one level). */
function name(value: unknown, key: string): unknown {
  if (Array.isArray(value)) return value.flatMap((v) => (isObject(v) && key in v ? [v[key]] : [])).flat();
  return isObject(value) ? value[key] : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The first item of the list the loop's Items template gives on the flow's samples, if it can be followed. */
export function itemSample(flow: FlowFile, loop: FlowNode, triggerSample: unknown): unknown {
  const items = loop.config.items;
  if (typeof items !== 'string') return undefined;
  const braced = /^\s*\{\{([\s\S]*)\}\}\s*$/.exec(items);
  const path = braced ? parsePath(braced[1]!) : undefined;
  if (!path) return undefined;
  let value: unknown = path.root[0] === 'trigger' ? triggerSample : recordedBody(flow, path.root[1]!);
  for (const step of path.steps) {
    if (value === undefined) return undefined;
    if (step.kind === 'name') value = name(value, step.name);
    else if (step.kind === 'index') value = Array.isArray(value) ? value[step.at] : step.at === 0 ? value : undefined;
    else {
      const list = Array.isArray(value) ? value : [value];
      value = list.filter((v) => isObject(v) && v[step.field] === step.value);
    }
  }
  if (Array.isArray(value)) return value[0];
  // A filter matching one element gives the element itself in JSONata.
  return isObject(value) ? value : undefined;
}
