/**
 * The English catalogue: every message code the validator, the engine and the CLI use, with
 * its params. Its entries' parameter types are the contract the Japanese catalogue (and any
 * later one) is checked against at compile time.
 */
import type { ParamProblem } from '../params.js';
import { cliMessagesEn } from './cli-en.js';
import { hostMessagesEn } from './host-en.js';
import { importMessagesEn } from './imports-en.js';
import { scheduleMessagesEn } from './schedule-en.js';
import { stateMessagesEn } from './state-en.js';
import { expectMessagesEn } from './expect-en.js';
import type { Message, NodeRef } from './message.js';
import type { Entry, TestRef, Words } from './words.js';

type Node = { node: NodeRef };
type Field = { node: NodeRef; field: string };
/** A loop (Apply to each) and, when its type names one, the output taken after its last item. */
export type Loop = { loop: NodeRef; after?: string };

/** "its 'Done' output": where what runs after a loop hangs, by the port's label. */
const afterLoop = (p: Loop, w: Words) =>
  p.after !== undefined ? `its '${w.port(p.loop, p.after)}' output` : 'one of its other outputs';

const ADVICE = 'A flow file must not hold secrets: create a credential and pick it in the Credentials section instead';

const CLOSER_WORDS: Record<string, string> = { ')': 'bracket ")"', ']': 'bracket "]"', '}': 'brace "}"' };

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a group of fields',
  null: 'empty (null)',
};

const FORMAT_WORDS: Record<string, string> = {
  uri: 'URL',
  url: 'URL',
  'uri-reference': 'URL',
  email: 'email address',
  'date-time': 'date and time (ISO 8601)',
  date: 'date (YYYY-MM-DD)',
  uuid: 'UUID',
  hostname: 'host name',
  regex: 'regular expression',
};

/** "a Basic…" / "an OAuth…": the article follows the sound of the first letter, near enough for kind names. */
function withArticle(words: string): string {
  return /^[AEIOU]/i.test(words) ? `an ${words}` : `a ${words}`;
}

function kinds(w: Words, list: readonly string[]): string {
  return w.list(
    list.map((k) => w.kind(k)),
    'or',
  );
}

function seconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

const quoted = (items: readonly string[]) => items.map((i) => `'${i}'`).join(', ');

function cycleWords(p: { names: readonly string[]; more: number }): string {
  const names = p.names.map((n) => `'${n}'`);
  return (p.more > 0 ? [...names.slice(0, 6), `… ${p.more} more …`, ...names.slice(6)] : names).join(' → ');
}

/** An issue inside `flow.not-valid`: a message with the JSON pointer of what it is about. */
export type IssueLine = Message & { pointer?: string };

/**
 * One issue's line, the pointer after the node it belongs to:
 * "Web Service 'getDetails' (/nodes/2/config/url): URL is required".
 */
export function issueLine(text: string, pointer: string | undefined): string {
  if (!pointer) return text;
  const named = /^([^:]*?'[^']*'): ([\s\S]*)$/.exec(text);
  if (named) return `${named[1]} (${pointer}): ${named[2]}`;
  return `${pointer}: ${text}`;
}

export type TestExpectation = 'responses' | 'path' | 'notVisited' | 'steps' | 'requests' | 'iterations';
const EXPECTS: Record<TestExpectation, string> = {
  responses: 'has recorded responses for',
  path: 'expects a path through',
  notVisited: 'expects not to visit',
  steps: 'expects the output of',
  requests: 'expects a request from',
  iterations: 'expects the iterations of',
};

export const en = {
  // Imports and Test connection: their own file, spread in (their codes are ordinary codes).
  ...importMessagesEn,
  ...scheduleMessagesEn,
  // The state store's words (Remember / Recall), likewise.
  ...stateMessagesEn,
  ...expectMessagesEn,
  // What the hosts refuse (credentials typed in the dialog, paths, files, deploys), likewise.
  ...hostMessagesEn,
  // The CLI's usage errors, likewise.
  ...cliMessagesEn,

  /** A sentence that has no catalogue entry (a node type's own words, a library's error): shown as is. */
  text: (p: { text: string }) => p.text,

  // ---- Reading the flow file ----------------------------------------------------------------
  'json-syntax': (
    p: { file?: string } & (
      { kind: 'empty' } | { kind: 'at'; line: number; column: number; error: string } | { kind: 'raw'; error: string }
    ),
  ) => {
    const what = p.file ?? 'The flow file';
    if (p.kind === 'empty') return `${what} is empty.`;
    if (p.kind === 'at') return `${what} is not valid JSON: line ${p.line}, column ${p.column}: ${p.error}.`;
    return `${what} is not valid JSON: ${p.error}`;
  },
  'duplicate-key': (p: { file?: string; key: string; pointer: string }) =>
    `${p.file ?? 'The flow file'} has the key '${p.key}' twice in the same object (at ${p.pointer}); only the last one counts.`,
  'not-a-flow': (_p: Record<string, never>) =>
    'The file does not hold a flow: expected a JSON object with nodes and edges.',
  'newer-schema-version': (p: { version: number; known: number }) =>
    `This flow was made by a newer Flowdesk (flow format version ${p.version}; this Flowdesk reads up to version ${p.known}). Update Flowdesk to open it.`,
  'migration-failed': (p: Node & { from: number; to: number; error: string }, w: Words) =>
    `${w.node(p.node)} could not be upgraded from version ${p.from} to ${p.to}: ${p.error}`,
  // A flow the engine refuses to load: its problems, one per line, each with its JSON pointer.
  'flow.not-valid': (p: { file?: string; issues: readonly IssueLine[] }, w: Words) => {
    const only = p.issues.length === 1 ? p.issues[0] : undefined;
    // A syntax error already says which file and where; a header would only repeat it.
    // English keeps each issue's own sentence (a node type's code may have no catalogue entry).
    if (only && (only.code === 'json-syntax' || only.code === 'too-deep')) return only.message ?? w.msg(only);
    const count = `${p.issues.length} ${w.plural(p.issues.length, { one: 'problem', other: 'problems' })}`;
    const head = p.file !== undefined ? `${p.file} is not a valid flow (${count})` : `The flow is not valid (${count})`;
    return [head, ...p.issues.map((i) => `  ${issueLine(i.message ?? w.msg(i), i.pointer)}`)].join('\n');
  },

  // ---- Envelope schema ----------------------------------------------------------------------
  schema: (p: { owner?: Message; detail: Message }, w: Words) =>
    p.owner ? `${w.msg(p.owner)}: ${w.msg(p.detail)}` : w.msg(p.detail),
  'owner.node': (p: Node, w: Words) => w.node(p.node),
  'owner.node-number': (p: { number: number }) => `Node ${p.number}`,
  'owner.edge': (p: { number: number }) => `Connection ${p.number}`,
  'owner.test': (p: { test: TestRef }, w: Words) => w.test(p.test),
  'owner.credential': (p: { name: string }) => `Credential '${p.name}'`,

  // ---- Schema problems (a field's value against its JSON Schema) -----------------------------
  'schema.property-name': (p: { field: string; name: string; hint?: string }) =>
    `${p.field}: the name '${p.name}' ${p.hint ?? 'is not allowed'}`,
  'schema.required': (p: { field: string }) => `${p.field} is required`,
  'schema.dependent-required': (p: { field: string; other: string }) => `${p.field} is required when ${p.other} is set`,
  'schema.type': (p: { field: string; types: readonly string[] }) =>
    `${p.field} must be ${p.types.map((t) => TYPE_WORDS[t] ?? t).join(' or ')}`,
  'schema.enum': (p: { field: string; values: readonly string[]; hint?: string }) =>
    p.hint !== undefined ? `${p.field} ${p.hint}` : `${p.field} must be one of ${p.values.join(', ')}`,
  'schema.const': (p: { field: string; value: string }) => `${p.field} must be ${p.value}`,
  'schema.min-length': (p: { field: string; limit: number }, w: Words) =>
    p.limit === 1
      ? `${p.field} must not be empty`
      : `${p.field} must be at least ${p.limit} ${w.plural(p.limit, { one: 'character', other: 'characters' })} long`,
  'schema.max-length': (p: { field: string; limit: number }, w: Words) =>
    `${p.field} must be at most ${p.limit} ${w.plural(p.limit, { one: 'character', other: 'characters' })} long`,
  'schema.minimum': (p: { field: string; limit: number }) => `${p.field} must be at least ${p.limit}`,
  'schema.maximum': (p: { field: string; limit: number }) => `${p.field} must be at most ${p.limit}`,
  'schema.exclusive-minimum': (p: { field: string; limit: number }) => `${p.field} must be greater than ${p.limit}`,
  'schema.exclusive-maximum': (p: { field: string; limit: number }) => `${p.field} must be less than ${p.limit}`,
  'schema.multiple-of': (p: { field: string; limit: number }) => `${p.field} must be a multiple of ${p.limit}`,
  'schema.pattern': (p: { field: string; hint?: string; pattern: string }) =>
    p.hint !== undefined ? `${p.field} ${p.hint}` : `${p.field} does not have the expected form (${p.pattern})`,
  'schema.format': (p: { field: string; format: string }) =>
    `${p.field} must be a valid ${FORMAT_WORDS[p.format] ?? p.format}`,
  'schema.unknown-field': (p: { field: string; name: string }) =>
    `${p.field} has a field Flowdesk does not know: '${p.name}'`,
  'schema.min-items': (p: { field: string; limit: number }, w: Words) =>
    p.limit === 1
      ? `${p.field} needs at least one item`
      : `${p.field} needs at least ${p.limit} ${w.plural(p.limit, { one: 'item', other: 'items' })}`,
  'schema.max-items': (p: { field: string; limit: number }, w: Words) =>
    `${p.field} may have at most ${p.limit} ${w.plural(p.limit, { one: 'item', other: 'items' })}`,
  'schema.unique-items': (p: { field: string; first: number; second: number }) =>
    `${p.field} has the same item twice (items ${p.first} and ${p.second})`,
  'schema.min-properties': (p: { field: string; limit: number }, w: Words) =>
    `${p.field} needs at least ${p.limit} ${w.plural(p.limit, { one: 'entry', other: 'entries' })}`,
  'schema.max-properties': (p: { field: string; limit: number }, w: Words) =>
    `${p.field} may have at most ${p.limit} ${w.plural(p.limit, { one: 'entry', other: 'entries' })}`,
  'schema.not': (p: { field: string }) => `${p.field} is not allowed here`,
  'schema.any-of': (p: { field: string; many: boolean }) =>
    p.many
      ? `${p.field} matches more than one of the allowed forms`
      : `${p.field} does not match any of the allowed forms`,
  'schema.other': (p: { field: string; error?: string }) => `${p.field} ${p.error ?? 'is not valid'}`,

  // ---- Nodes ---------------------------------------------------------------------------------
  'duplicate-node-id': (p: Node & { id: string; first: NodeRef }, w: Words) =>
    `${w.node(p.node)}: its id '${p.id}' is already used by ${w.node(p.first)}; ids must be unique`,
  'duplicate-node-name': (p: Node & { name: string; first: number }, w: Words) =>
    `${w.node(p.node)}: the name '${p.name}' is already used by node ${p.first}; names must be unique because templates refer to steps.${p.name}`,
  'unknown-node-type': (p: Node & { type: string; known: readonly string[] }, w: Words) =>
    `${w.node(p.node)}: '${p.type}' is not a node type this Flowdesk knows (known types: ${p.known.join(', ')})`,
  'newer-node-version': (p: Node & { title: string; version: number; known: number }, w: Words) =>
    `${w.node(p.node)}: this node was made by a newer Flowdesk (${p.title} version ${p.version}; this Flowdesk knows up to version ${p.known}). Update Flowdesk to open this flow.`,
  'old-node-version': (p: Node & { version: number; missing: number }, w: Words) =>
    `${w.node(p.node)}: this node is in the old version ${p.version} format, which this Flowdesk can no longer upgrade (no upgrade to version ${p.missing}). Recreate the node.`,
  'outdated-node-version': (p: Node & { version: number; target: number }, w: Words) =>
    `${w.node(p.node)}: this node is in the version ${p.version} format; it is upgraded to version ${p.target} when the flow is opened and saved`,
  'manifest-schema': (p: Node & { title: string; error: string }, w: Words) =>
    `${w.node(p.node)}: the ${p.title} node type has a broken settings schema, so these settings cannot be checked (${p.error})`,
  config: (p: Node & { detail: Message }, w: Words) => `${w.node(p.node)}: ${w.msg(p.detail)}`,
  'node-check': (p: Node & { detail: Message }, w: Words) => `${w.node(p.node)}: ${w.msg(p.detail)}`,
  'node-check.failed': (p: { error: string }) => `the settings could not be checked: ${p.error}`,
  // Checks several node types share; `error` is the JSONPath parser's own English words.
  'check.json-path': (p: { path: string; error: string }) => `JSONPath "${p.path}" is not valid: ${p.error}`,
  'check.retry-shrinks': () => 'the longest wait is shorter than the first wait',

  // ---- Graph ---------------------------------------------------------------------------------
  'no-trigger': (p: { kind: 'no-nodes' | 'no-trigger' | 'runtime' }) =>
    p.kind === 'no-nodes'
      ? 'The flow has no nodes: add a trigger node where runs start.'
      : p.kind === 'no-trigger'
        ? 'The flow has no trigger: add one trigger node (e.g. Webhook) where runs start.'
        : 'The flow has no trigger',
  'several-triggers': (p: Node & { triggers: readonly NodeRef[] }, w: Words) =>
    `${w.node(p.node)}: a flow has exactly one trigger, but this one has ${p.triggers.length} (${p.triggers.map((t) => w.node(t)).join(', ')}); remove all but one`,
  'dangling-edge': (p: { edge: number; end: 'from' | 'to'; id: string }) =>
    p.end === 'from'
      ? `Connection ${p.edge} starts at node id '${p.id}', but no node has that id.`
      : `Connection ${p.edge} leads to node id '${p.id}', but no node has that id.`,
  'unknown-port': (p: Node & { edge: number; port: string; ports: readonly string[] }, w: Words) =>
    `${w.node(p.node)}: connection ${p.edge} leaves from output '${p.port}', but this node has ${p.ports.length ? `only ${quoted(p.ports)}` : 'no outputs'}`,
  'edge-into-trigger': (p: Node & { edge: number }, w: Words) =>
    `${w.node(p.node)}: connection ${p.edge} leads into this trigger, but a trigger has no input: runs start there`,
  'duplicate-edge': (p: Node & { edge: number; port: string; target: NodeRef }, w: Words) =>
    `${w.node(p.node)}: connection ${p.edge} repeats an earlier connection from output '${w.port(p.node, p.port)}' to ${w.node(p.target)}`,
  cycle: (p: Node & { names: readonly string[]; more: number }, w: Words) =>
    `${w.node(p.node)}: these nodes form a loop, which flows do not allow: ${cycleWords(p)}`,
  'run.params': (p: { problems: readonly ParamProblem[] }, _w: Words) =>
    `The flow's parameters are not all given: ${p.problems
      .map((x) =>
        x.kind === 'missing'
          ? `'${x.name}' has no value (set it in the environment or a parameters file)`
          : x.kind === 'unknown'
            ? `'${x.name}' is given but the flow declares no such parameter`
            : x.kind === 'type'
              ? `'${x.name}' must be ${TYPE_WORDS[x.type] ?? x.type}, not "${x.value}"`
              : `'${x.name}' must be one of ${quoted(x.allowed)}, not "${x.value}"`,
      )
      .join('; ')}`,
  'param-default': (
    p: { name: string; problem: 'type' | 'enum' | 'secret'; type?: string; allowed?: readonly string[] },
    _w: Words,
  ) =>
    p.problem === 'secret'
      ? `Parameter '${p.name}' is secret, so its value must not be written into the flow: remove its default and give the value through the environment or a parameters file`
      : p.problem === 'type'
        ? `Parameter '${p.name}': its default is not ${TYPE_WORDS[p.type ?? ''] ?? p.type}`
        : `Parameter '${p.name}': its default is not one of its allowed values (${quoted(p.allowed ?? [])})`,
  unreachable: (p: Node, w: Words) => `${w.node(p.node)}: no path leads here from the trigger, so this node never runs`,
  'decision-without-effect': (p: Node & { ports: readonly string[]; next: readonly NodeRef[] }, w: Words) =>
    `${w.node(p.node)}: its outputs ${quoted(p.ports.map((port) => w.port(p.node, port)))} all lead to ${w.list(
      p.next.map((n) => w.node(n)),
      'and',
    )}, so the same nodes run whatever it decides; connect one of the outputs elsewhere if that was meant`,
  'branches-both-create': (p: Node & { port: string; creators: readonly NodeRef[] }, w: Words) =>
    `${w.node(p.node)}: the branches leaving output '${w.port(p.node, p.port)}' all run, and ${w.list(
      p.creators.map((c) => w.node(c)),
    )} each create a record, so one event creates ${p.creators.length}. If only one branch should run, choose it with a Condition`,

  'loop-body-entered': (p: Node & Loop & { port: string; edge: number; from: NodeRef }, w: Words) =>
    `${w.node(p.node)}: it runs inside the loop of ${w.node(p.loop)} (its '${w.port(p.loop, p.port)}' output leads here), but connection ${p.edge} also leads here from ${w.node(p.from)}, outside that loop. A step inside a loop runs once per item and is reached only through the loop: connect ${w.node(p.from)} elsewhere, or hang what runs after the loop off ${afterLoop(p, w)}`,
  'loop-nested': (p: Node & { loop: NodeRef }, w: Words) =>
    `${w.node(p.node)}: it is inside the loop of ${w.node(p.loop)}; a loop inside a loop is not supported. Process the inner list with a Code task, or in a second flow`,
  'loop-body-respond': (p: Node & Loop, w: Words) =>
    `${w.node(p.node)}: it is inside the loop of ${w.node(p.loop)}, so it would answer the caller once per item; the caller gets one answer per run: put it before the loop or after ${afterLoop(p, w)}`,
  'loop-body-empty': (p: Node & { port: string }, w: Words) =>
    `${w.node(p.node)}: nothing is connected to its '${w.port(p.node, p.port)}' output, so nothing runs for each item; connect the steps that handle one item there`,

  // ---- Templates -----------------------------------------------------------------------------
  'unknown-step': (p: Field & { name: string }, w: Words) =>
    `${w.node(p.node)}: ${p.field} uses steps.${p.name}, but no node is named '${p.name}'`,
  'not-upstream': (p: Field & { name: string; self: boolean }, w: Words) =>
    p.self
      ? `${w.node(p.node)}: ${p.field} uses steps.${p.name}, which is this node's own output; a node can only use the output of nodes that run before it`
      : `${w.node(p.node)}: ${p.field} uses steps.${p.name}, but '${p.name}' is not upstream of this node, so it has not run yet when this node runs`,
  'unknown-param': (p: Field & { name: string; known: readonly string[] }, w: Words) =>
    `${w.node(p.node)}: ${p.field} uses params.${p.name}, but the flow declares no parameter '${p.name}'${p.known.length ? ` (it has ${quoted(p.known)})` : ''}; add it under the flow's parameters`,
  'step-on-some-branches': (p: Field & { name: string }, w: Words) =>
    `${w.node(p.node)}: ${p.field} uses steps.${p.name}, but only some of the branches into this node pass '${p.name}'; when the run comes another way, steps.${p.name} is empty (give a fallback, e.g. {{ steps.${p.name} ? … : … }}, if that is expected)`,
  'step-in-loop-body': (p: Field & { name: string; loop: NodeRef; loopName: string }, w: Words) =>
    `${w.node(p.node)}: ${p.field} uses steps.${p.name}, but '${p.name}' runs inside the loop of ${w.node(p.loop)}, once per item; after the loop, read what the items gave from steps.${p.loopName}.results`,
  'loop-output-in-body': (p: Field & Loop & { name: string }, w: Words) =>
    `${w.node(p.node)}: ${p.field} uses steps.${p.name}, the loop this step runs in; its output is there only after the last item (from ${afterLoop(p, w)}). Inside the loop, use item and index`,
  'item-outside-loop': (p: Field, w: Words) =>
    `${w.node(p.node)}: ${p.field} uses item or index, which are set only inside an Apply to each loop (in the steps it runs for each item); here they are empty`,
  'expression-syntax': (
    p: Field &
      (
        { kind: 'braced'; expression: string } | { kind: 'invalid'; position?: number; error: string; detail?: Message }
      ),
    w: Words,
  ) =>
    p.kind === 'braced'
      ? `${w.node(p.node)}: ${p.field} is an expression already: write it without {{ }}, as ${p.expression}`
      : `${w.node(p.node)}: ${p.field} is not a valid expression${p.position !== undefined ? ` (at character ${p.position})` : ''}: ${p.error}`,
  'unknown-var': (p: Field & { name: string }, w: Words) =>
    `${w.node(p.node)}: ${p.field} uses vars.${p.name}, but no node puts a field named '${p.name}' into vars (map it in a Webhook's fields or a Web Service's response mapping)`,
  'var-not-upstream': (p: Field & { name: string; producers: readonly NodeRef[] }, w: Words) => {
    const many = p.producers.length > 1;
    const names = p.producers.map((n) => w.node(n)).join(', ');
    return `${w.node(p.node)}: ${p.field} uses vars.${p.name}, which ${names} ${many ? 'map' : 'maps'}, but ${many ? 'none of them runs' : 'it does not run'} before this node`;
  },
  'path-requirement': (p: Node & { explain: string; gap: string }, w: Words) =>
    `${w.node(p.node)}: ${p.explain}, but ${p.gap}`,
  'reserved-name': (
    p: Node & { name: string; reserved: readonly string[] } & ({ kind: 'node' } | { kind: 'field'; field: string }),
    w: Words,
  ) => {
    const reserved = p.reserved.map((n) => `"${n}"`).join(', ');
    return p.kind === 'node'
      ? `${w.node(p.node)}: the node name "${p.name}" cannot be used: ${reserved} are reserved by JavaScript; rename the node`
      : `${w.node(p.node)}: ${p.field} "${p.name}" cannot be used: ${reserved} are reserved by JavaScript; pick another name`;
  },
  'credential-origin': (p: Field & { expression: string; name: string }, w: Words) =>
    `${w.node(p.node)}: ${p.field} takes its origin (scheme, host or port) from {{ ${p.expression} }}, which a payload or a response controls, and the node sends the credential '${p.name}': list the origins it may be sent to in that credential's allowed origins (allowedOrigins), or write the host into the URL`,
  'template-syntax': (p: Field & { at: number; error: string; detail?: Message }, w: Words) =>
    `${w.node(p.node)}: ${p.field} has a template error at character ${p.at}: ${p.error}`,

  // ---- Expression syntax, in plain words (the `detail` of the two messages above) -------------
  'syntax.dot-at-end': () => 'a field name is missing after the last dot',
  'syntax.operand-missing': (p: { operator: string }) =>
    `something to compare or combine is missing after "${p.operator}" at the end`,
  'syntax.ends-early': () => 'the expression stops too early: something is missing at the end',
  'syntax.closer-missing': (p: { closer: string }) => `a closing ${CLOSER_WORDS[p.closer] ?? p.closer} is missing`,
  'syntax.end-missing': () => 'something is missing at the end of the expression',
  'syntax.quote-open': () => 'a quoted text is not closed: add the matching quote',
  'syntax.backtick-open': () => 'a name in backticks (`…`) is not closed: add the closing backtick',
  'syntax.two-dots': () => 'two dots in a row: a field name is missing between them',
  'syntax.stray-closer': (p: { closer: string }) =>
    `there is a ${CLOSER_WORDS[p.closer] ?? p.closer} with no opening one before it`,
  'syntax.stops-early': () => 'the expression stops too early',
  'syntax.unexpected': (p: { token: string }) =>
    `"${p.token}" is not expected here: is an operator (such as = or &) or a dot missing before it?`,
  'syntax.missing-before': (p: { token: string }) =>
    `"${p.token}" is not expected here: something is missing before it`,
  'syntax.expected': (p: { expected: string }) => `"${p.expected}" is expected here`,
  'syntax.expected-instead': (p: { expected: string; token: string }) =>
    `"${p.expected}" is expected here, not "${p.token}"`,

  // ---- Secrets -------------------------------------------------------------------------------
  'literal-secret': (
    p: Node &
      (
        | { where: 'field' | 'url-password' | 'url-user'; field: string }
        | { where: 'url-query'; field: string; name: string }
        | { where: 'header' | 'query' | 'form'; name: string }
      ),
    w: Words,
  ) => {
    const at = w.node(p.node);
    switch (p.where) {
      case 'field':
        return `${at}: ${p.field} holds a secret typed into the flow. ${ADVICE}.`;
      case 'url-password':
        return `${at}: ${p.field} holds a password in the URL typed into the flow. ${ADVICE}.`;
      case 'url-user':
        return `${at}: ${p.field} holds credentials in the URL (before the @) typed into the flow. ${ADVICE}.`;
      case 'url-query':
        return `${at}: ${p.field} holds the query parameter ${p.name} typed into the flow. ${ADVICE}.`;
      default: {
        const what =
          p.where === 'header'
            ? `the ${p.name} header`
            : p.where === 'query'
              ? `the query parameter ${p.name}`
              : `the form field ${p.name}`;
        return `${at}: ${what} holds a literal value. ${ADVICE} (or a template that reads the value from the trigger or an earlier step).`;
      }
    }
  },
  'possible-secret': (p: Field & { key: string }, w: Words) =>
    `${w.node(p.node)}: "${p.key}" in ${p.field} looks like a secret typed into the flow. If it is one, store it as a credential (or read it with a template) instead.`,

  // ---- Credentials ---------------------------------------------------------------------------
  'unknown-credential-slot': (p: Node & { slot: string; title: string; slots: readonly string[] }, w: Words) =>
    `${w.node(p.node)}: has a credential in slot '${p.slot}', but ${p.title} nodes ${p.slots.length ? `only have ${quoted(p.slots)}` : 'take no credentials'}`,
  'undeclared-credential': (p: Node & { slot: string; name: string }, w: Words) =>
    `${w.node(p.node)}: ${p.slot} uses the credential '${p.name}', which the flow does not declare; add it to the flow's credentials (with its kind)`,
  'credential-kind': (p: Node & { slot: string; kinds: readonly string[]; name: string; kind: string }, w: Words) =>
    `${w.node(p.node)}: ${p.slot} needs ${withArticle(kinds(w, p.kinds))} credential, but '${p.name}' is ${w.kind(p.kind)}`,
  'credential-missing': (p: Node & { slot: string; kinds: readonly string[] }, w: Words) =>
    `${w.node(p.node)}: ${p.slot} needs ${withArticle(kinds(w, p.kinds))} credential; pick one in the Credentials section`,
  'unused-credential': (p: { name: string }) => `The credential '${p.name}' is declared but no node uses it.`,

  // ---- Tests ---------------------------------------------------------------------------------
  'duplicate-test-name': (p: { test: TestRef }, w: Words) =>
    `${w.test(p.test)}: another test has the same name; test names must be unique`,
  'test-unknown-node': (p: { test: TestRef; expects: TestExpectation; name: string }, w: Words) =>
    `${w.test(p.test)}: ${EXPECTS[p.expects]} '${p.name}', but no node is named '${p.name}'`,

  // ---- Runs (the engine) ---------------------------------------------------------------------
  'run.timeout': (p: { ms: number }) => `the flow did not finish within ${p.ms} ms`,
  'run.cancelled': (p: { reason?: string }) => `the run was cancelled${p.reason !== undefined ? `: ${p.reason}` : ''}`,
  'run.cancelled-waiting': (p: { wakeAt?: string }, w: Words) =>
    `the run was cancelled while it waited${p.wakeAt !== undefined ? ` until ${w.time(p.wakeAt)}` : ''}`,
  'run.wait-past-limit': (p: { until: string; waitMs: number; leftMs: number }) =>
    `it would wait until ${p.until} (${p.waitMs} ms), longer than the ${p.leftMs} ms the run may still take; raise the run's time limit (--timeout), or run the flow on a server (flowdesk serve), where a long wait is saved and resumed when due`,
  'run.node-failed': (p: Node & { detail: Message; errorPort: 'none' | 'unwired' }, w: Words) =>
    `${w.node(p.node)} failed: ${w.msg(p.detail)}${p.errorPort === 'unwired' ? ' (its error port is not connected)' : ''}`,
  'unknown-type': (p: Node & { type: string }, w: Words) =>
    `${w.node(p.node)}: this version of Flowdesk cannot run node type '${p.type}'`,
  prepare: (p: Node & { error: string }, w: Words) => `${w.node(p.node)}: ${p.error}`,

  // ---- Outbound HTTP -------------------------------------------------------------------------
  'http.no-credential': (p: { slot: string }) =>
    `no credential is bound to the node's '${p.slot}' slot: pick one in the node's authentication settings`,
  'http.hmac-credential': (p: { name: string }) =>
    `credential '${p.name}' is an HMAC signing secret, which verifies incoming webhooks and cannot authenticate a request`,
  'http.origin-not-allowed': (p: {
    name: string;
    origin: string;
    target: 'request' | 'token';
    allowed: readonly string[];
  }) =>
    `credential '${p.name}' may not be sent to ${p.origin} (${p.target === 'request' ? 'the request' : 'its token endpoint'}); it is allowed only for ${p.allowed.join(', ')}`,
  'http.invalid-url': (p: { method: string; url: string }) => `${p.method} "${p.url}": not a valid URL`,
  'http.not-http': (p: { method: string; url: string }) =>
    `${p.method} ${p.url}: only http and https URLs can be called`,
  'http.cancelled': (p: { method: string; url: string }) => `${p.method} ${p.url} was cancelled`,
  'http.bad-header-name': (p: { method: string; url: string; name: string }) =>
    `${p.method} ${p.url}: "${p.name}" is not a valid header name`,
  'http.bad-header-value': (p: { method: string; url: string; name: string }) =>
    `${p.method} ${p.url}: header ${p.name} contains a line break or NUL character, which HTTP does not allow`,
  'http.status': (p: { method: string; url: string; status: number; statusText?: string; detail?: string }) =>
    `${p.method} ${p.url} answered ${p.status}${p.statusText ? ` ${p.statusText}` : ''}${p.detail ? `: ${p.detail}` : ''}`,
  'http.network': (p: { method: string; url: string; error: string }) => `${p.method} ${p.url} failed: ${p.error}`,
  'http.timeout': (p: { method: string; url: string; ms: number }) => `${p.method} ${p.url} timed out after ${p.ms} ms`,
  'http.too-large': (p: { method: string; url: string; limit: number }) =>
    `${p.method} ${p.url}: the response is larger than the limit of ${p.limit} bytes`,
  'http.body-too-large': (p: { method: string; url: string; bodyType: string; limit: number }) =>
    `${p.method} ${p.url}: the request body (${p.bodyType}) is larger than the limit of ${p.limit.toLocaleString('en-US')} bytes; nothing was sent`,
  'http.not-retried': (p: { failure: Message; method: string }, w: Words) =>
    `${w.msg(p.failure)} (not retried: ${p.method} is not idempotent and the request has no idempotency key)`,
  'http.attempts': (p: { failure: Message; attempts: number }, w: Words) =>
    `${w.msg(p.failure)} (after ${p.attempts} attempts)`,
  'http.retry-after-too-long': (p: { failure: Message; after: number; max: number }, w: Words) =>
    `${w.msg(p.failure)} and asked to retry after ${seconds(p.after)}, longer than the retry policy's maximum delay of ${seconds(p.max)}; not retried`,

  // ---- Queue mode (flowdesk serve --queue, flowdesk worker) -------------------------------------
  'queue.bad-url': (p: { url: string; reason: string }) =>
    `--queue must be a Redis URL such as redis://127.0.0.1:6379 or rediss://user:password@redis.example.com:6380/0, not '${p.url}': ${p.reason}`,
  'queue.unreachable': (p: { url: string; error: string; ms: number }) =>
    `Redis at ${p.url} cannot be reached (${p.error}; waited ${seconds(p.ms)}): start it, or check the host, port, password and TLS (rediss://) in --queue`,
  'queue.flow-version-missing': (p: { flowId: string; version: number }) =>
    `version ${p.version} of flow '${p.flowId}' is not in the queue's flow store (it was deployed to another queue, or Redis lost it)`,
  'queue.poison': (p: { attempts: number }) =>
    `the workers running it died ${p.attempts} times (stalled jobs); it is not run again automatically (poison). Re-run it by hand once the cause is fixed.`,
} satisfies Record<string, Entry<never>>;

export type MessageCode = keyof typeof en;
export type ParamsOf<C extends MessageCode> = Parameters<(typeof en)[C]>[0];
