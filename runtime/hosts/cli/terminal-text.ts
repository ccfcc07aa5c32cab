/**
 * Text from a flow, a payload, a response or user code on its way to a terminal. A flow file
 * is shared like a document; printed raw, its name or a Code `console.log` line could clear the
 * screen, set the window title, move the cursor to overwrite a line, or print a fake
 * "✓ PASSED" on a line of its own. Every CLI printer passes such text through `termText`, and
 * the CLI's own colors are added afterwards.
 *
 * Escaped as visible `\xNN` / `\uNNNN`: C0 controls (ESC, CR, BEL, backspace …), DEL, C1
 * controls (U+0080–U+009F, where U+009B is a one-byte CSI), Unicode line and paragraph
 * separators, and bidirectional overrides and isolates that reorder what is shown ("Trojan
 * source"). Line feeds are escaped too unless `multiline`; tabs are kept.
 */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const UNSAFE_WITH_LF = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escapeChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (ch === '\n') return '\\n';
  if (ch === '\r') return '\\r';
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

export function termText(value: unknown, opts: { multiline?: boolean } = {}): string {
  const s = typeof value === 'string' ? value : String(value);
  return s.replace(opts.multiline ? UNSAFE : UNSAFE_WITH_LF, escapeChar);
}
