/**
 * A message as data: a stable `code` and the `params` that fill its sentence. Catalogues word
 * it per language (`formatMessage`), so the validator, the runtime and the CLI say things once
 * and the designer can show them in the user's language. Params are JSON values, so a message
 * crosses IPC, HTTP and trace files unchanged; a param may itself be a message (a schema
 * problem inside a node issue).
 */

export type Lang = 'en' | 'ja';

/** A node as messages name it: "Web Service 'getDetails'" or "Web Service (node 3)". */
export interface NodeRef {
  /** Position in the flow's node list (0-based). */
  index: number;
  name?: string;
  /** The node type's English title; a catalogue may put the user's language in its place. */
  title?: string;
  /** The node type id, so a catalogue can look the title up in the user's language. */
  type?: string;
}

export type ParamValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | readonly ParamValue[]
  | NodeRef
  | Message
  | { readonly [key: string]: ParamValue };

export type MessageParams = { readonly [key: string]: ParamValue };

export interface Message {
  code: string;
  params?: MessageParams;
  /** The English sentence, kept beside the code for tools that read `message` only. */
  message?: string;
}

export function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && typeof (value as { code?: unknown }).code === 'string';
}
