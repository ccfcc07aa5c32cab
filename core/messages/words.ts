import type { Lang, Message, NodeRef } from './message.js';

/** What a catalogue entry gets besides its params: the language's way with lists, counts and names. */
export interface Words {
  lang: Lang;
  /** "Web Service 'getDetails'" / "Web Service (node 3)". */
  node(ref: NodeRef): string;
  /** "Test 'happy path'" / "Test 2". */
  test(ref: TestRef): string;
  /** An output port of `ref`'s node as the canvas labels it ("Each item"), else its id ("each"). */
  port(ref: NodeRef, port: string): string;
  /** "a, b and c" (`and`), "a, b or c" (`or`), "a, b, c" (`comma`). */
  list(items: readonly string[], kind?: 'and' | 'or' | 'comma'): string;
  /** The form for `n` by the language's plural rules (Intl.PluralRules). */
  plural(n: number, forms: { one: string; other: string }): string;
  /** A nested message in the same language. */
  msg(message: Message | undefined): string;
  /** A credential kind's name ("Basic authentication"). */
  kind(kind: string): string;
  /**
   * A moment (ISO-8601) as a person reads it: as written (UTC) unless the host shows times in
   * its user's locale (the designer does; see `formatTimesWith`).
   */
  time(iso: string): string;
}

export interface TestRef {
  index: number;
  name?: string;
}

/** One catalogue entry: params in, a sentence out. */
export type Entry<P> = (params: P, words: Words) => string;
