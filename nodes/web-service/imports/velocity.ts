/**
 * Velocity (the template language of Genesys Cloud data actions) to Flowdesk `{{ }}` templates.
 *
 * Only what has an exact Flowdesk meaning is converted: `$input.x` / `${input.x}` / `$!{input.x}`
 * references (to `trigger.body.x`, since the imported flow's trigger receives the action's
 * input), `$esc.jsonString(…)` and `$esc.url(…)` around such a reference, `${credentials.x}`
 * (reported to the caller, which turns it into the node's credential) and plain text. Every
 * other construct (`#if`, `#foreach`, `#set`, macros, `$math`, method calls…) is replaced by a
 * marked placeholder and listed, so nothing is silently dropped or half-translated.
 */

/** Where the converted text goes: a URL is encoded by Flowdesk itself; a text body is not. */
export type VelocityTarget = 'url' | 'text';

export interface VelocityPlaceholder {
  /** 1-based number shown in the placeholder text. */
  index: number;
  /** The Velocity source the placeholder stands for (cut to 200 characters). */
  source: string;
}

export interface VelocityConversion {
  text: string;
  placeholders: VelocityPlaceholder[];
  /** Names `x` of `${credentials.x}` references, in order (each became a `{{ credentials.x }}` marker). */
  credentials: string[];
  /** True when `${input.rawRequest}` (the whole input) was used. */
  rawRequest: boolean;
}

/** The text a construct that could not be converted is replaced with. */
export function placeholderText(index: number): string {
  return `[[NOT CONVERTED ${index}]]`;
}

/** Marker for a `${credentials.x}` reference; the importer replaces it (it never reaches a flow). */
export function credentialMarker(name: string): string {
  return `\u0000credential:${name}\u0000`;
}

const BLOCK_DIRECTIVES = new Set(['if', 'foreach', 'macro', 'define']);
const IDENT = /[A-Za-z_][A-Za-z0-9_-]*/y;

/** Properties that JSONata reads bare; anything else is back-quoted. */
function pathSegment(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `\`${name.replace(/`/g, '')}\``;
}

interface Reference {
  /** End offset (exclusive) of the whole reference. */
  end: number;
  root: string;
  /** `.name` segments after the root; undefined when the chain has a call or an index. */
  properties?: string[];
  /** `method(arg)` on the root: `$esc.url(${input.x})`. */
  call?: { method: string; argument: string };
}

/** Reads `$name(.name)*`, `${…}`, `$!…` at `at` (which holds `$`); undefined when it is not one. */
function readReference(src: string, at: number): Reference | undefined {
  let i = at + 1;
  if (src[i] === '!') i++;
  const braced = src[i] === '{';
  if (braced) i++;
  IDENT.lastIndex = i;
  const root = IDENT.exec(src);
  if (!root) return undefined;
  i = IDENT.lastIndex;
  const properties: string[] = [];
  let plain = true;
  let call: Reference['call'];
  for (;;) {
    if (src[i] === '.' && /[A-Za-z_]/.test(src[i + 1] ?? '')) {
      IDENT.lastIndex = i + 1;
      const m = IDENT.exec(src)!;
      i = IDENT.lastIndex;
      if (src[i] === '(') {
        const close = matchingParen(src, i);
        if (close < 0) return undefined;
        if (call === undefined && properties.length === 0) call = { method: m[0], argument: src.slice(i + 1, close) };
        else plain = false;
        i = close + 1;
        continue;
      }
      if (call !== undefined) plain = false;
      properties.push(m[0]);
      continue;
    }
    if (src[i] === '[') {
      const close = src.indexOf(']', i);
      if (close < 0) return undefined;
      plain = false;
      i = close + 1;
      continue;
    }
    break;
  }
  if (braced) {
    if (src[i] !== '}') return undefined;
    i++;
  }
  return {
    end: i,
    root: root[0],
    ...(plain && call === undefined ? { properties } : {}),
    ...(plain && call ? { call } : {}),
  };
}

/** Index of the `)` closing the `(` at `open`, skipping quoted text; -1 when unbalanced. */
function matchingParen(src: string, open: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < src.length; i++) {
    const c = src[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

/** `#name` / `#{name}` at `at`: the directive name and where it ends (before any `(`). */
function readDirective(src: string, at: number): { name: string; end: number } | undefined {
  const m = /^#(?:\{([A-Za-z@][A-Za-z0-9_]*)\}|([A-Za-z@][A-Za-z0-9_]*))/.exec(src.slice(at, at + 80));
  return m ? { name: (m[1] ?? m[2]!).toLowerCase(), end: at + m[0].length } : undefined;
}

/** End (exclusive) of a directive's `( … )` argument list starting at or after `at`, if any. */
function afterArguments(src: string, at: number): number {
  let i = at;
  while (src[i] === ' ' || src[i] === '\t') i++;
  if (src[i] !== '(') return at;
  const close = matchingParen(src, i);
  return close < 0 ? src.length : close + 1;
}

/** End (exclusive) of the block opened by the directive at `at`, through its matching `#end`. */
function blockEnd(src: string, at: number): number {
  let depth = 0;
  let i = at;
  while (i < src.length) {
    if (src[i] === '#') {
      const d = readDirective(src, i);
      if (d) {
        if (BLOCK_DIRECTIVES.has(d.name) || d.name.startsWith('@')) depth++;
        else if (d.name === 'end' && --depth === 0) return d.end;
        i = d.end;
        continue;
      }
    }
    i++;
  }
  return src.length;
}

/** The Flowdesk expression for an `input` reference's property chain. */
function inputExpression(properties: readonly string[]): string {
  return ['trigger.body', ...properties.map(pathSegment)].join('.');
}

/**
 * Converts one Velocity template. `target` says whether the text becomes a URL (Flowdesk encodes
 * each `{{ }}`, which is what `$esc.url` asked for) or text (`$esc.url` becomes
 * `$encodeUrlComponent`). `$esc.jsonString` converts to a plain reference: a JSON body is
 * filled in as JSON, so values are escaped for it.
 */
export function convertVelocity(src: string, target: VelocityTarget): VelocityConversion {
  let text = '';
  const placeholders: VelocityPlaceholder[] = [];
  const credentials: string[] = [];
  let rawRequest = false;

  const placeholder = (from: number, to: number) => {
    const index = placeholders.length + 1;
    const source = src.slice(from, to);
    placeholders.push({ index, source: source.length > 200 ? `${source.slice(0, 199)}…` : source });
    text += placeholderText(index);
  };

  /** The `{{ }}` for a reference, or undefined when it is not one Flowdesk can say. */
  const templateFor = (ref: Reference): string | undefined => {
    if (ref.root === 'input' && ref.properties) {
      if (ref.properties.length === 1 && ref.properties[0] === 'rawRequest') {
        rawRequest = true;
        return '{{ trigger.body }}';
      }
      if (ref.properties.length === 0) return undefined;
      return `{{ ${inputExpression(ref.properties)} }}`;
    }
    if (ref.root === 'credentials' && ref.properties?.length === 1) {
      credentials.push(ref.properties[0]!);
      return credentialMarker(ref.properties[0]!);
    }
    if (ref.root === 'esc' && ref.call && (ref.call.method === 'jsonString' || ref.call.method === 'url')) {
      const arg = ref.call.argument.trim();
      const inner = arg.startsWith('$') ? readReference(arg, 0) : undefined;
      if (!inner || inner.end !== arg.length || inner.root !== 'input' || !inner.properties?.length) return undefined;
      const expression = inputExpression(inner.properties);
      if (ref.call.method === 'url' && target === 'text') return `{{ $encodeUrlComponent(${expression}) }}`;
      return `{{ ${expression} }}`;
    }
    return undefined;
  };

  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '\\' && (src[i + 1] === '$' || src[i + 1] === '#')) {
      text += src[i + 1];
      i += 2;
      continue;
    }
    if (c === '#') {
      if (src.startsWith('##', i)) {
        // A line comment: the request never contained it.
        const nl = src.indexOf('\n', i);
        i = nl < 0 ? src.length : nl;
        continue;
      }
      if (src.startsWith('#*', i)) {
        const close = src.indexOf('*#', i + 2);
        i = close < 0 ? src.length : close + 2;
        continue;
      }
      if (src.startsWith('#[[', i)) {
        const close = src.indexOf(']]#', i + 3);
        const end = close < 0 ? src.length : close;
        text += src.slice(i + 3, end);
        i = close < 0 ? src.length : close + 3;
        continue;
      }
      const d = readDirective(src, i);
      // `#` before a word that is followed by `(`, or a known directive: Velocity. Else text ("#1").
      if (d && (BLOCK_DIRECTIVES.has(d.name) || d.name.startsWith('@'))) {
        const end = blockEnd(src, i);
        placeholder(i, end);
        i = end;
        continue;
      }
      if (
        d &&
        (['set', 'else', 'elseif', 'end', 'parse', 'include', 'evaluate', 'break', 'stop'].includes(d.name) ||
          src[d.end] === '(')
      ) {
        const end = afterArguments(src, d.end);
        placeholder(i, end);
        i = end;
        continue;
      }
      text += c;
      i++;
      continue;
    }
    if (c === '$') {
      const ref = readReference(src, i);
      if (!ref) {
        text += c;
        i++;
        continue;
      }
      const template = templateFor(ref);
      if (template === undefined) placeholder(i, ref.end);
      else text += template;
      i = ref.end;
      continue;
    }
    text += c;
    i++;
  }
  return { text, placeholders, credentials, rawRequest };
}

/**
 * Names of `${name}` / `$name` references in a success template, or undefined when it holds
 * anything else Velocity (directives, calls): used to tell whether the template only rebuilds
 * the translation map's fields, which the node's mapping already gives.
 */
export function successTemplateNames(src: string): string[] | undefined {
  const names: string[] = [];
  for (let i = 0; i < src.length; i++) {
    if (src[i] === '#') return undefined;
    if (src[i] !== '$') continue;
    const ref = readReference(src, i);
    if (!ref || !ref.properties || ref.properties.length > 0) return undefined;
    names.push(ref.root);
    i = ref.end - 1;
  }
  return names;
}
