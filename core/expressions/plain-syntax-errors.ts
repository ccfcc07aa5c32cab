/**
 * JSONata's syntax errors ("Unexpected end of expression", `Syntax error: ".."`) in words an
 * admin who does not code can act on: what is missing or extra, and where. Each is a message
 * code (core/messages, `syntax.*`) so the Japanese UI words it too.
 */
import { en } from '../messages/en.js';
import type { Message } from '../messages/message.js';

export interface SyntaxFailure {
  code?: string;
  position?: number;
  token?: unknown;
  value?: unknown;
  message: string;
}

type SyntaxCode = Extract<keyof typeof en, `syntax.${string}`>;

/** The plain-words message for a syntax error, or undefined when none fits (JSONata's own words stay). */
export function plainSyntaxMessage(
  source: string,
  failure: SyntaxFailure,
): (Message & { message: string }) | undefined {
  const text = source.trimEnd();
  const token = typeof failure.token === 'string' ? failure.token : undefined;
  const say = (code: SyntaxCode, params: Record<string, string> = {}) => ({
    code,
    params,
    message: (en[code] as (p: Record<string, string>) => string)(params),
  });
  switch (failure.code) {
    case 'S0207': // Unexpected end of expression
      if (text.endsWith('.')) return say('syntax.dot-at-end');
      if (/(=|!=|<=?|>=?|\+|-|\*|\/|&|\band|\bor|\bin)$/.test(text)) {
        return say('syntax.operand-missing', { operator: text.split(/\s+/).pop() ?? '' });
      }
      return say('syntax.ends-early');
    case 'S0203': {
      // Expected ")" before end of expression
      const closer = typeof failure.value === 'string' ? failure.value : undefined;
      return closer && isCloser(closer) ? say('syntax.closer-missing', { closer }) : say('syntax.end-missing');
    }
    case 'S0101':
      return say('syntax.quote-open');
    case 'S0105':
      return say('syntax.backtick-open');
    case 'S0201':
      if (token === '..') return say('syntax.two-dots');
      if (token && isCloser(token)) return say('syntax.stray-closer', { closer: token });
      if (token === '(end)') return say('syntax.stops-early');
      return token ? say('syntax.unexpected', { token }) : undefined;
    case 'S0211':
      return token ? say('syntax.missing-before', { token }) : undefined;
    case 'S0202':
      if (typeof failure.value !== 'string') return undefined;
      return token
        ? say('syntax.expected-instead', { expected: failure.value, token })
        : say('syntax.expected', { expected: failure.value });
    default:
      return undefined;
  }
}

const isCloser = (text: string): text is ')' | ']' | '}' => text === ')' || text === ']' || text === '}';
