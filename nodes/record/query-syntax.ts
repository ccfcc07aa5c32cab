/**
 * Building each vendor's search from admin-typed values without letting a value change the
 * query: SOQL string literals (Salesforce), encoded queries (ServiceNow) and search terms
 * (Zendesk). Field names never come from data: the schema limits them to identifier
 * characters, and these builders check again because they are the last line.
 */

/** One search rule, values already filled in. `phone` values are E.164 by now. */
export interface SearchRule {
  field: string;
  operator: 'equals' | 'contains' | 'phone';
  value: string;
}

export type Combinator = 'all' | 'any';

const SOQL_FIELD = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/;
const SN_FIELD = /^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/;
const ZD_FIELD = /^[A-Za-z0-9_]+$/;

function checkField(field: string, pattern: RegExp): string {
  if (!pattern.test(field)) throw new Error(`"${field}" is not a field name`);
  return field;
}

/**
 * A SOQL string literal body (Salesforce "Quoted String Escape Sequences"): backslash and both
 * quotes escaped, line breaks and other control characters as escapes, so a value can neither
 * close the literal nor add a clause.
 */
export function soqlString(value: string): string {
  return value.replace(/[\\'"\n\r\t\b\f]/g, (c) => SOQL_ESCAPES[c]!);
}

const SOQL_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/** A value inside `LIKE '%…%'`: also `%` and `_`, which LIKE would take as wildcards. */
export function soqlLikeString(value: string): string {
  return soqlString(value).replace(/[%_]/g, (c) => `\\${c}`);
}

/** `WHERE` clause of a SOQL query for the rules. */
export function soqlWhere(rules: readonly SearchRule[], combinator: Combinator): string {
  return rules
    .map((rule) => {
      const field = checkField(rule.field, SOQL_FIELD);
      return rule.operator === 'contains'
        ? `${field} LIKE '%${soqlLikeString(rule.value)}%'`
        : `${field} = '${soqlString(rule.value)}'`;
    })
    .join(combinator === 'any' ? ' OR ' : ' AND ');
}

/** The full query: `SELECT <fields> FROM <object> WHERE … LIMIT n`. */
export function soqlQuery(
  sobject: string,
  fields: readonly string[],
  rules: readonly SearchRule[],
  combinator: Combinator,
  limit: number,
): string {
  const select = [...new Set(['Id', ...fields])].map((f) => checkField(f, SOQL_FIELD)).join(', ');
  return `SELECT ${select} FROM ${checkField(sobject, SOQL_FIELD)} WHERE ${soqlWhere(rules, combinator)} LIMIT ${limit}`;
}

/**
 * A ServiceNow encoded-query value: `^` separates conditions, and the platform reads `^^` as a
 * literal caret, so every caret in a value is doubled. Line breaks cannot be expressed and are
 * refused by the caller's empty/format checks; here they are kept out by replacing with a space.
 */
export function serviceNowValue(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').replace(/\^/g, '^^');
}

/** `sysparm_query` for the rules: `a=x^b=y`, or `a=x^ORb=y` with `any`; contains is `LIKE`. */
export function serviceNowQuery(rules: readonly SearchRule[], combinator: Combinator): string {
  return rules
    .map((rule) => {
      const field = checkField(rule.field, SN_FIELD);
      return `${field}${rule.operator === 'contains' ? 'LIKE' : '='}${serviceNowValue(rule.value)}`;
    })
    .join(combinator === 'any' ? '^OR' : '^');
}

/**
 * A Zendesk search term `field:"value"`: the value is always a quoted phrase (so spaces,
 * colons, minus signs and `type:` cannot act as syntax), with `\` and `"` escaped. Zendesk
 * matches words, not whole values, so the caller narrows "equals" rules on the results.
 */
export function zendeskTerm(rule: SearchRule): string {
  const field = checkField(rule.field, ZD_FIELD);
  const value = rule.value.replace(/[\r\n]+/g, ' ').replace(/[\\"]/g, (c) => `\\${c}`);
  return `${field}:"${value}"`;
}

/** The `query` of `GET /api/v2/search.json` for one object type. Zendesk search has no OR across fields. */
export function zendeskQuery(type: 'ticket' | 'user' | 'organization', rules: readonly SearchRule[]): string {
  return [`type:${type}`, ...rules.map(zendeskTerm)].join(' ');
}

/** An OData string literal body (Dynamics 365 Web API): a single quote is doubled. */
export function odataString(value: string): string {
  return value.replace(/'/g, "''");
}

const ODATA_FIELD = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `$filter` for the rules: `f eq 'x'`, `contains(f,'x')`, joined by `and` or `or`. */
export function odataFilter(rules: readonly SearchRule[], combinator: Combinator): string {
  return rules
    .map((rule) => {
      const field = checkField(rule.field, ODATA_FIELD);
      const literal = `'${odataString(rule.value)}'`;
      return rule.operator === 'contains' ? `contains(${field},${literal})` : `${field} eq ${literal}`;
    })
    .join(combinator === 'any' ? ' or ' : ' and ');
}
