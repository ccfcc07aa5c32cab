/**
 * Words a message in a language. Lookup order: the language's catalogue, catalogues added with
 * `addMessages` (a node type's own codes), then English; a code no catalogue knows is shown by
 * its `detail` param (a nested message) or its English `message`, so an older designer still
 * shows a newer server's message, in English.
 */
import { credentialKindName } from '../credential-texts.js';
import { en } from './en.js';
import { ja } from './ja.js';
import { isMessage, type Lang, type Message, type MessageParams, type NodeRef } from './message.js';
import type { Entry, TestRef, Words } from './words.js';

type LooseEntry = Entry<never>;
type LooseCatalogue = Readonly<Record<string, LooseEntry>>;

const BUILT_IN: Record<Lang, LooseCatalogue> = { en, ja };
const added: Record<Lang, Record<string, LooseEntry>> = { en: {}, ja: {} };
const titles: Record<Lang, Record<string, string>> = { en: {}, ja: {} };
type PortWords = (lang: Lang, type: string, port: string) => string;
let portWords: PortWords | undefined;
type TimeWords = (lang: Lang, iso: string) => string;
let timeWords: TimeWords | undefined;

/**
 * Adds codes a node type (or a later host) owns, per language. A code already in the built-in
 * catalogue cannot be replaced: the core's sentences stay the core's.
 */
export function addMessages(catalogues: Partial<Record<Lang, LooseCatalogue>>): void {
  for (const lang of Object.keys(catalogues) as Lang[]) {
    for (const [code, entry] of Object.entries(catalogues[lang] ?? {})) {
      if (!(code in BUILT_IN.en)) added[lang][code] = entry;
    }
  }
}

/** Node type titles per language, so "Web Service 'x'" reads as the user's language names the type. */
export function addNodeTitles(lang: Lang, byType: Readonly<Record<string, string>>): void {
  Object.assign(titles[lang], byType);
}

/**
 * How output ports are named in messages ("each" → "Each item"), so they read as the canvas
 * labels them. Only the designer sets it (from the node editors' labels); elsewhere (the CLI,
 * whose user reads the flow file) a port is named by its id.
 */
export function namePortsWith(words: PortWords): void {
  portWords = words;
}

/**
 * How moments are shown in messages. Only the designer sets it (in its user's locale and time
 * zone); elsewhere (logs, the CLI, the admin API) a time stays ISO-8601 in UTC, which reads the
 * same on every machine.
 */
export function formatTimesWith(words: TimeWords): void {
  timeWords = words;
}

function entryFor(code: string, lang: Lang): LooseEntry | undefined {
  return BUILT_IN[lang][code] ?? added[lang][code] ?? BUILT_IN.en[code] ?? added.en[code];
}

function listWords(lang: Lang, items: readonly string[], kind: 'and' | 'or' | 'comma'): string {
  if (lang === 'ja') return items.join(kind === 'or' ? '、または' : '、');
  if (kind === 'comma' || items.length <= 1) return items.join(', ');
  // "a, b or c": the house style has no serial comma, which Intl.ListFormat would add.
  return `${items.slice(0, -1).join(', ')} ${kind} ${items[items.length - 1]}`;
}

const pluralRules = new Map<Lang, Intl.PluralRules>();

function wordsFor(lang: Lang): Words {
  const words: Words = {
    lang,
    node(ref: NodeRef) {
      const kind = (ref.type !== undefined ? titles[lang][ref.type] : undefined) ?? ref.title;
      if (lang === 'ja') {
        const k = kind ?? 'ノード';
        return ref.name !== undefined ? `${k}「${ref.name}」` : `${k} (ノード ${ref.index + 1})`;
      }
      const k = kind ?? 'Node';
      return ref.name !== undefined ? `${k} '${ref.name}'` : `${k} (node ${ref.index + 1})`;
    },
    test(ref: TestRef) {
      if (lang === 'ja') return ref.name !== undefined ? `テスト「${ref.name}」` : `テスト ${ref.index + 1}`;
      return ref.name !== undefined ? `Test '${ref.name}'` : `Test ${ref.index + 1}`;
    },
    port: (ref: NodeRef, port: string) =>
      portWords && ref.type !== undefined ? portWords(lang, ref.type, port) : port,
    list: (items, kind = 'and') => listWords(lang, items, kind),
    plural(n, forms) {
      let rules = pluralRules.get(lang);
      if (!rules) pluralRules.set(lang, (rules = new Intl.PluralRules(lang)));
      return rules.select(n) === 'one' ? forms.one : forms.other;
    },
    msg: (message) => (message ? formatMessage(message, lang) : ''),
    kind: (kind) => credentialKindName(lang, kind) ?? kind,
    time: (iso) => (timeWords && Number.isFinite(Date.parse(iso)) ? timeWords(lang, iso) : iso),
  };
  return words;
}

const WORDS: Record<Lang, Words> = { en: wordsFor('en'), ja: wordsFor('ja') };

/** The sentence for `message` in `lang` (a FlowIssue, a trace error and a CLI error are all messages). */
export function formatMessage(message: Message, lang: Lang = 'en'): string {
  const words = WORDS[lang] ?? WORDS.en;
  const entry = entryFor(message.code, words.lang);
  const params: MessageParams = message.params ?? {};
  if (entry) {
    try {
      return (entry as (p: MessageParams, w: Words) => string)(params, words);
    } catch {
      // Params from an older or newer producer: say it as the producer did.
    }
  }
  if (isMessage(params.detail)) return formatMessage(params.detail, lang);
  return message.message ?? message.code;
}

/** The language a BCP 47 tag asks for, when Flowdesk speaks it ("ja-JP" → "ja"), else English. */
export function langOf(tag: string | undefined): Lang {
  return tag?.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}
