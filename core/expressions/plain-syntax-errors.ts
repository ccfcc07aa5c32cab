/**
 * JSONata's syntax errors ("Unexpected end of expression", `Syntax error: ".."`) in words an
 * admin who does not code can act on: what is missing or extra, and where.
 */

export interface SyntaxFailure {
  code?: string;
  position?: number;
  token?: unknown;
  value?: unknown;
  message: string;
}

const CLOSERS: Record<string, string> = { ')': 'bracket ")"', ']': 'bracket "]"', '}': 'brace "}"' };

/** Plain words for a JSONata syntax error in `source`; JSONata's own message when none fit. */
export function plainSyntaxError(source: string, failure: SyntaxFailure): string {
  const text = source.trimEnd();
  const token = typeof failure.token === 'string' ? failure.token : undefined;
  switch (failure.code) {
    case 'S0207': // Unexpected end of expression
      if (text.endsWith('.')) return 'a field name is missing after the last dot';
      if (/(=|!=|<=?|>=?|\+|-|\*|\/|&|\band|\bor|\bin)$/.test(text))
        return `something to compare or combine is missing after "${text.split(/\s+/).pop()}" at the end`;
      return 'the expression stops too early: something is missing at the end';
    case 'S0203': {
      // Expected ")" before end of expression
      const closer = typeof failure.value === 'string' ? failure.value : undefined;
      return closer && CLOSERS[closer]
        ? `a closing ${CLOSERS[closer]} is missing`
        : 'something is missing at the end of the expression';
    }
    case 'S0101':
      return 'a quoted text is not closed: add the matching quote';
    case 'S0105':
      return 'a name in backticks (`…`) is not closed: add the closing backtick';
    case 'S0201':
      if (token === '..') return 'two dots in a row: a field name is missing between them';
      if (token && CLOSERS[token]) return `there is a ${CLOSERS[token]} with no opening one before it`;
      if (token === '(end)') return 'the expression stops too early';
      return token
        ? `"${token}" is not expected here: is an operator (such as = or &) or a dot missing before it?`
        : failure.message;
    case 'S0211':
      return token ? `"${token}" is not expected here: something is missing before it` : failure.message;
    case 'S0202':
      return typeof failure.value === 'string'
        ? `"${failure.value}" is expected here${token ? `, not "${token}"` : ''}`
        : failure.message;
    default:
      return failure.message;
  }
}
