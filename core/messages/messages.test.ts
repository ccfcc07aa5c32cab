import { describe, expect, it } from 'vitest';
import { FAKE_MANIFESTS, sampleFlow } from '../validate/__fixtures__/fake-manifests.js';
import { parseFlowText } from '../validate/parse-flow-text.js';
import { validateFlow } from '../validate/validate-flow.js';
import type { FlowIssue } from '../validation-types.js';
import { en } from './en.js';
import { addMessages, formatMessage, langOf } from './format.js';
import { ja } from './ja.js';
import { message } from './make.js';

/** Flows broken in many ways at once, so most of the validator's codes show up. */
function brokenIssues(): FlowIssue[] {
  const flow: any = sampleFlow();
  delete flow.name;
  flow.extra = true;
  flow.nodes[1].config.url = '';
  flow.nodes[1].config.headers.push({ name: 'X-API-Token', value: 'abc123' });
  flow.nodes[1].credentials = { auth: 'nowhere', other: 'x' };
  flow.nodes[2].name = 'getDetails';
  flow.nodes.push({ id: 'n1', type: 'mystery', version: 1, name: 'm', config: {} });
  flow.nodes.push({ ...flow.nodes[0], id: 'h2', name: 'hook2' });
  flow.edges.push({ from: 'ghost', port: 'out', to: 'n2' });
  flow.edges.push({ from: 'n2', port: 'nope', to: 'n1' });
  flow.tests = [{ name: 't', trigger: { payload: {} }, expect: { path: ['nobody'] } }, { name: 't' }];
  flow.credentials.unused = { kind: 'basic' };
  return [
    ...validateFlow(flow, FAKE_MANIFESTS),
    ...validateFlow([], FAKE_MANIFESTS),
    ...parseFlowText('{ "a": 1, "a": 2 } x', 'x.flow.json').issues,
    ...parseFlowText('{ "a": 1, "a": 2 }', 'x.flow.json').issues,
    ...parseFlowText('   ').issues,
  ];
}

describe('messages as codes', () => {
  const issues = brokenIssues();

  it('covers many codes (the fixture is broken enough to be worth checking)', () => {
    expect(new Set(issues.map((i) => i.code)).size).toBeGreaterThanOrEqual(12);
  });

  it('words every issue in English exactly as its message says, also after a JSON round trip', () => {
    for (const issue of issues) {
      expect(issue.params, issue.code).toBeDefined();
      expect(formatMessage(issue, 'en')).toBe(issue.message);
      const copy = JSON.parse(JSON.stringify(issue)) as FlowIssue;
      expect(formatMessage(copy, 'en')).toBe(issue.message);
    }
  });

  it('words every issue in Japanese from the catalogue', () => {
    for (const issue of issues) {
      const words = formatMessage(issue, 'ja');
      expect(words, issue.message).not.toBe(issue.message);
      expect(words).not.toMatch(/undefined|\[object Object\]/);
      expect(words).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    }
  });

  it('words the details inside a message in Japanese too: syntax errors, credential kinds', () => {
    const flow: any = sampleFlow();
    flow.nodes[1].config.headers.push({ name: 'X-Id', value: '{{ trigger.body. }}' });
    const syntax = validateFlow(flow, FAKE_MANIFESTS).find((i) => i.code === 'template-syntax')!;
    expect(syntax.message).toMatch(/a field name is missing after the last dot/);
    expect(formatMessage(syntax, 'ja')).toMatch(/最後のドットのあとにフィールド名がありません$/);
    const kind = message('credential-missing', {
      node: { index: 0, name: 'x', title: 'Web Service' },
      slot: 'Authentication',
      kinds: ['basic', 'zendeskApiToken'],
    });
    expect(formatMessage(kind, 'ja')).toMatch(
      /Basic 認証、または Zendesk API トークン|Basic 認証、またはZendesk API トークン/,
    );
    expect(formatMessage(kind, 'ja')).not.toMatch(/authentication|token/);
  });

  it('has a Japanese entry for every English code', () => {
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
  });

  it('chooses plural forms by count, not by appending an s', () => {
    expect(message('schema.min-items', { field: 'Headers', limit: 1 }).message).toBe('Headers needs at least one item');
    expect(message('schema.max-items', { field: 'Headers', limit: 1 }).message).toBe('Headers may have at most 1 item');
    expect(message('schema.max-items', { field: 'Headers', limit: 3 }).message).toBe(
      'Headers may have at most 3 items',
    );
    expect(formatMessage(message('schema.max-items', { field: 'Headers', limit: 3 }), 'ja')).toBe(
      'Headers の項目は 3 件までです',
    );
  });

  it("names credential kinds with the house list style ('a, b or c')", () => {
    const m = message('credential-missing', {
      node: { index: 0, name: 'x', title: 'Web Service' },
      slot: 'Authentication',
      kinds: ['apiKey', 'basic', 'oauth2'],
    });
    expect(m.message).toMatch(/needs an API key header, Basic authentication or OAuth/);
  });

  it('falls back to the detail, then to the English message, for codes no catalogue knows', () => {
    const detail = message('schema.required', { field: 'URL' });
    expect(formatMessage({ code: 'http-404', params: { detail } }, 'ja')).toBe('URL は必須です');
    expect(formatMessage({ code: 'from-a-newer-server', message: 'Something new' }, 'ja')).toBe('Something new');
    expect(formatMessage({ code: 'from-a-newer-server' }, 'en')).toBe('from-a-newer-server');
  });

  it("words a node type's own codes once the type adds them, and never lets it replace a core code", () => {
    addMessages({
      en: { 'test-node.too-big': (p: { size: number }) => `too big (${p.size})`, 'not-a-flow': () => 'hijacked' },
      ja: { 'test-node.too-big': (p: { size: number }) => `大きすぎます (${p.size})` },
    });
    expect(formatMessage({ code: 'test-node.too-big', params: { size: 3 } }, 'ja')).toBe('大きすぎます (3)');
    expect(formatMessage({ code: 'not-a-flow', params: {} }, 'en')).toMatch(/does not hold a flow/);
  });

  it('reads the language from a BCP 47 tag', () => {
    expect(langOf('ja-JP')).toBe('ja');
    expect(langOf('en-GB')).toBe('en');
    expect(langOf(undefined)).toBe('en');
  });
});
