/**
 * English words for failed test expectations (runtime/testing/expectations.ts, match.ts): what
 * `flowdesk test` prints and the test bench shows under a failed case. Values come as previews
 * (compact JSON, cut), paths as lists of step names. en.ts spreads these in; the Japanese
 * catalogue is checked against them like every other code.
 */

import type { Message } from './message.js';
import type { Words } from './words.js';

type NoParams = Record<string, never>;

/** How a run ended, for "but it …". */
export type EndedAs = 'failed' | 'timeout' | 'cancelled';

/** One difference between an expected request and the closest one sent. */
export type RequestDifference =
  | { kind: 'method'; expected: string; actual: string }
  | { kind: 'url'; expected: string; actual: string }
  | { kind: 'header-missing'; name: string; expected: string }
  | { kind: 'header'; name: string; expected: string; actual: string }
  | { kind: 'body'; path: string; detail: Difference };

/** How one value differs from what was expected (match.ts). */
export type Difference =
  | { kind: 'list'; expected: string; actual?: string }
  | { kind: 'length'; count: number; actual: number; preview: string }
  | { kind: 'object'; expected: string; actual?: string }
  | { kind: 'missing'; expected: string }
  | { kind: 'value'; expected: string; actual?: string };

/** A request as the failure names it. */
export type SentRequest = {
  method: string;
  url: string;
  status?: number;
};

/** `a → b`, or "(nothing ran)". */
export const arrowsEn = (names: readonly string[]) => (names.length === 0 ? '(nothing ran)' : names.join(' → '));

/** Where two paths part: the step's position from 1 and what each side has there. */
export type Divergence = {
  step: number;
  expected?: string;
  actual?: string;
};

const divergenceEn = (d: Divergence | undefined) =>
  !d
    ? ''
    : d.expected === undefined
      ? ` (ran ${d.actual ?? ''} after the expected end)`
      : d.actual === undefined
        ? ` (stopped before ${d.expected})`
        : ` (step ${d.step}: expected ${d.expected}, got ${d.actual})`;

const got = (actual: string | undefined) => actual ?? 'nothing';

export const differenceEn = (d: Difference): string => {
  switch (d.kind) {
    case 'list':
      return `expected a list ${d.expected}, got ${got(d.actual)}`;
    case 'length':
      return `expected ${d.count} ${d.count === 1 ? 'item' : 'items'}, got ${d.actual}: ${d.preview}`;
    case 'object':
      return `expected an object ${d.expected}, got ${got(d.actual)}`;
    case 'missing':
      return `expected ${d.expected}, but it is missing`;
    case 'value':
      return `expected ${d.expected}, got ${got(d.actual)}`;
  }
};

const requestDifferenceEn = (d: RequestDifference): string => {
  switch (d.kind) {
    case 'method':
      return `method: expected ${d.expected}, got ${d.actual}`;
    case 'url':
      return `url: expected ${d.expected}, got ${d.actual}`;
    case 'header-missing':
      return `header ${d.name}: expected "${d.expected}", but it was not sent`;
    case 'header':
      return `header ${d.name}: expected "${d.expected}", got "${d.actual}"`;
    case 'body':
      return `${d.path}: ${differenceEn(d.detail)}`;
  }
};

const sentEn = (sent: readonly SentRequest[], more: boolean) =>
  sent.length === 0
    ? ' (it sent none)'
    : ` (sent: ${sent.map((r) => `${r.method} ${r.url}${r.status ? ` → ${r.status}` : ''}`).join(', ')}${more ? ', …' : ''})`;

const endedEn = (status: EndedAs) =>
  status === 'timeout' ? 'timed out' : status === 'cancelled' ? 'was cancelled' : 'failed';

/** A run's error in English as the run said it; in another language through its code. */
const said = (error: Message, w: Words) => error.message ?? w.msg(error);

/** "item 2 (index 1)": items are numbered from 1 where people read them; the key is the index. */
const itemEn = (index: number) => `item ${index + 1} (index ${index})`;

export const expectMessagesEn = {
  'expect.outcome-succeed': (p: { status: EndedAs; error?: Message }, w: Words) =>
    `expected the run to succeed, but it ${endedEn(p.status)}${p.error !== undefined ? `: ${said(p.error, w)}` : ''}`,
  'expect.outcome-fail': (_p: NoParams) => 'expected the run to fail, but it succeeded',
  'expect.error-none': (p: { error: string }) => `expected an error containing "${p.error}", but the run had no error`,
  'expect.error-mismatch': (p: { error: string; actual: string }) =>
    `expected the error to contain "${p.error}", got "${p.actual}"`,
  'expect.path': (p: { expected: readonly string[]; actual: readonly string[]; divergence?: Divergence }) =>
    `expected the path ${arrowsEn(p.expected)}, got ${arrowsEn(p.actual)}${divergenceEn(p.divergence)}`,
  'expect.not-visited': (p: { step: string; path: readonly string[] }) =>
    `expected '${p.step}' not to run, but it ran (path ${arrowsEn(p.path)})`,
  'expect.step-not-run': (p: { step: string; path: readonly string[] }) =>
    `expected step '${p.step}' to have run, but it did not (path ${arrowsEn(p.path)})`,
  'expect.difference': (p: { difference: Difference }) => differenceEn(p.difference),
  'expect.no-response': (_p: NoParams) => 'expected the flow to answer the caller, but no Respond to webhook node ran',
  'expect.response-status': (p: { expected: number; actual: number; node: string }) =>
    `expected the answer's status ${p.expected}, got ${p.actual} (from '${p.node}')`,
  'expect.state-not-read': (p: { key: string }) =>
    `expected '${p.key}' in the state store, but this run's store was not read back`,
  'expect.state-not-empty': (p: { key: string; actual: string }) =>
    `expected nothing remembered under '${p.key}', but it holds ${p.actual}`,
  'expect.state-missing': (p: { key: string; expected: string; kept: readonly string[] }) =>
    `expected '${p.key}' to be remembered as ${p.expected}, but nothing is kept under it (the store holds ${p.kept.length ? p.kept.map((k) => `'${k}'`).join(', ') : 'nothing'})`,
  'expect.loop-inner-step': (p: { step: string; loop: string }) =>
    `'${p.step}' is a step inside the loop '${p.loop}', not a loop: expect what it did per item under iterations.${p.loop}.items`,
  'expect.loop-no-items': (p: { step: string; error?: Message }, w: Words) =>
    `'${p.step}' ran no items: it is not a loop (Apply to each), or it failed before its first item${p.error !== undefined ? ` (${said(p.error, w)})` : ''}`,
  'expect.loop-count': (p: { what: 'count' | 'failed'; expected: number; actual: number }) =>
    `expected ${p.expected} ${p.what === 'count' ? 'items to run' : 'items to fail'}, got ${p.actual}`,
  'expect.item-not-run': (p: { index: number; count: number }) =>
    `expected ${itemEn(p.index)} to run, but only ${p.count} ran`,
  'expect.item-not-kept': (p: { index: number; keepFirst: number; keepFailed: number }) =>
    `${itemEn(p.index)} ran, but the trace keeps the steps of the first ${p.keepFirst} items and of ${p.keepFailed} failed ones after them only`,
  'expect.item-outcome': (p: { index: number; expected: 'success' | 'failed'; error?: Message }, w: Words) =>
    `expected ${itemEn(p.index)} to ${p.expected === 'success' ? 'succeed' : 'fail'}, but it ${p.expected === 'success' ? `failed: ${p.error ? said(p.error, w) : ''}` : 'succeeded'}`,
  'expect.item-error': (p: { index: number; error: string; actual?: string }) =>
    `expected ${itemEn(p.index)}'s error to contain "${p.error}", got ${p.actual !== undefined ? `"${p.actual}"` : 'no error'}`,
  'expect.item-path': (p: {
    index: number;
    expected: readonly string[];
    actual: readonly string[];
    divergence?: Divergence;
  }) =>
    `expected ${itemEn(p.index)} to take ${arrowsEn(p.expected)}, got ${arrowsEn(p.actual)}${divergenceEn(p.divergence)}`,
  'expect.item-step-not-run': (p: { index: number; step: string; path: readonly string[] }) =>
    `expected step '${p.step}' to have run for ${itemEn(p.index)}, but it did not (path ${arrowsEn(p.path)})`,
  'expect.request-count': (p: {
    count: number;
    node: string;
    actual: number;
    sent: readonly SentRequest[];
    more: boolean;
  }) =>
    `expected ${p.count} matching ${p.count === 1 ? 'request' : 'requests'} from '${p.node}', got ${p.actual}${sentEn(p.sent, p.more)}`,
  'expect.request-none': (p: { node: string; ran: boolean }) =>
    `expected a request from '${p.node}', but it sent none${p.ran ? '' : ' (the node did not run)'}`,
  'expect.request-closest': (p: {
    node: string;
    method: string;
    url: string;
    differences: readonly RequestDifference[];
  }) =>
    `no request from '${p.node}' matched; closest was ${p.method} ${p.url}: ${p.differences.map(requestDifferenceEn).join('; ')}`,
};
