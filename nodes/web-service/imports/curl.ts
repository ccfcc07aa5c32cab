/**
 * A pasted cURL command (vendor docs, the browser's "Copy as cURL (bash)") as a Web Service
 * node: method, URL, query, headers and a JSON, form or text body. Its secret (`-u user:pass`,
 * `Authorization: Bearer …`, an API-key header, user:pass in the URL) becomes the node's
 * credential: the values are handed back for the vault and never appear in the config, a note
 * or an error. Options it does not understand are refused by name, never guessed at.
 */
import { message } from '../../../core/messages/make.js';
import type { Message } from '../../../core/messages/message.js';
import { isSecretParamName } from '../../../core/validate/secret-checks.js';
import type { WebServiceConfig } from '../manifest.js';
import {
  credentialFromHeader,
  credentialNameFrom,
  isSecretHeaderName,
  webServiceConfig,
  type ImportedCredential,
  type ImportOutcome,
} from './import-result.js';
import { parseTemplatedJson } from './genesys-data-action.js';

const METHODS = new Set(['GET', 'PUT', 'POST', 'PATCH', 'DELETE']);

/** Options that take a value, by every spelling; the value is what follows. */
const WITH_VALUE: Record<string, string> = {
  '-X': 'method',
  '--request': 'method',
  '-H': 'header',
  '--header': 'header',
  '-d': 'data',
  '--data': 'data',
  '--data-raw': 'data-raw',
  '--data-binary': 'data',
  '--data-ascii': 'data',
  '--data-urlencode': 'data-urlencode',
  '--json': 'json',
  '-u': 'user',
  '--user': 'user',
  '--url': 'url',
  '-A': 'user-agent',
  '--user-agent': 'user-agent',
  '-e': 'referer',
  '--referer': 'referer',
  '-b': 'cookie',
  '--cookie': 'cookie',
  '--oauth2-bearer': 'bearer',
  '-m': 'max-time',
  '--max-time': 'max-time',
  '-F': 'form',
  '--form': 'form',
  '-o': 'output',
  '--output': 'output',
  '--connect-timeout': 'transport',
  '--retry': 'transport',
  '-w': 'output',
  '--write-out': 'output',
};

/** Flags without a value that change nothing a Web Service node sends. */
const HARMLESS = new Set([
  '-s',
  '--silent',
  '-S',
  '--show-error',
  '-L',
  '--location',
  '-v',
  '--verbose',
  '-i',
  '--include',
  '--compressed',
  '-f',
  '--fail',
  '--fail-with-body',
  '-g',
  '--globoff',
  '--http1.1',
  '--http2',
  '--basic',
  '-#',
  '--progress-bar',
  '-N',
  '--no-buffer',
]);

type Failure = { ok: false; error: Message };
const fail = (error: Message): Failure => ({ ok: false, error });

/** Splits a bash command line into words: '…', "…" (with \ escapes), $'…', \-newline joins. */
export function shellWords(src: string): string[] | Failure {
  const words: string[] = [];
  let word: string | undefined;
  const push = (s: string) => (word = (word ?? '') + s);
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\') {
      const next = src[i + 1];
      if (next === '\n' || (next === '\r' && src[i + 2] === '\n')) {
        i += next === '\r' ? 2 : 1;
        continue;
      }
      if (next !== undefined) push(next);
      i++;
      continue;
    }
    if (c === "'") {
      const close = src.indexOf("'", i + 1);
      if (close < 0) return fail(message('curl.unclosed-quote', {}));
      push(src.slice(i + 1, close));
      i = close;
      continue;
    }
    if (c === '$' && src[i + 1] === "'") {
      // ANSI-C quoting, as Chrome's "Copy as cURL" writes bodies with quotes or newlines.
      let j = i + 2;
      let out = '';
      for (; j < src.length && src[j] !== "'"; j++) {
        if (src[j] === '\\' && j + 1 < src.length) {
          const e = src[++j]!;
          out += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
        } else out += src[j];
      }
      if (j >= src.length) return fail(message('curl.unclosed-quote', {}));
      push(out);
      i = j;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let out = '';
      for (; j < src.length && src[j] !== '"'; j++) {
        if (src[j] === '\\' && '"\\$`\n'.includes(src[j + 1] ?? '')) {
          if (src[j + 1] !== '\n') out += src[j + 1];
          j++;
        } else out += src[j];
      }
      if (j >= src.length) return fail(message('curl.unclosed-quote', {}));
      push(out);
      i = j;
      continue;
    }
    if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
      continue;
    }
    push(c);
  }
  if (word !== undefined) words.push(word);
  return words;
}

interface Parsed {
  method?: string;
  url?: string;
  headers: [string, string][];
  data: string[];
  json: boolean;
  get: boolean;
  user?: string;
  bearer?: string;
  timeoutMs?: number;
  notes: Message[];
}

/**
 * `-sSL` → `-s -S -L`; `-sXPOST` → `-s -X POST`: curl's clustered short options, split so each is
 * judged alone (an unknown letter is still refused by name).
 */
function expandShortFlags(words: string[]): string[] {
  return words.flatMap((word, i) => {
    if (i === 0 || !/^-[A-Za-z#]{2,}/.test(word) || WITH_VALUE[word.slice(0, 2)]) return [word];
    const out: string[] = [];
    for (let j = 1; j < word.length; j++) {
      const flag = `-${word[j]}`;
      if (WITH_VALUE[flag]) {
        out.push(flag, ...(j + 1 < word.length ? [word.slice(j + 1)] : []));
        break;
      }
      out.push(flag);
    }
    return out;
  });
}

function parseOptions(given: string[]): Parsed | Failure {
  const words = expandShortFlags(given);
  const p: Parsed = { headers: [], data: [], json: false, get: false, notes: [] };
  const setUrl = (u: string): Failure | undefined => {
    if (p.url !== undefined) return fail(message('curl.two-urls', {}));
    p.url = u;
    return undefined;
  };
  for (let i = 1; i < words.length; i++) {
    let word = words[i]!;
    let value: string | undefined;
    // --opt=value and -Xvalue spellings.
    const eq = word.startsWith('--') ? word.indexOf('=') : -1;
    if (eq > 0) {
      value = word.slice(eq + 1);
      word = word.slice(0, eq);
    } else if (/^-[A-Za-z]./.test(word) && WITH_VALUE[word.slice(0, 2)]) {
      value = word.slice(2);
      word = word.slice(0, 2);
    }
    if (word === '-G' || word === '--get') {
      p.get = true;
      continue;
    }
    if (word === '-k' || word === '--insecure') {
      p.notes.push(message('curl.ignored-option', { option: word, reason: 'insecure' }));
      continue;
    }
    if (HARMLESS.has(word)) continue;
    const kind = WITH_VALUE[word];
    if (!kind) {
      if (word.startsWith('-') && word !== '-') return fail(message('curl.unknown-option', { option: word }));
      const failed = setUrl(word);
      if (failed) return failed;
      continue;
    }
    if (value === undefined) {
      value = words[++i];
      if (value === undefined) return fail(message('curl.missing-value', { option: word }));
    }
    switch (kind) {
      case 'method':
        p.method = value.toUpperCase();
        break;
      case 'header': {
        const colon = value.indexOf(':');
        if (colon <= 0) return fail(message('curl.bad-header', { header: value.split(':')[0]!.slice(0, 80) }));
        p.headers.push([value.slice(0, colon).trim(), value.slice(colon + 1).trim()]);
        break;
      }
      case 'data':
      case 'data-raw':
      case 'data-urlencode':
      case 'json':
        if (kind !== 'data-raw' && value.startsWith('@')) return fail(message('curl.file-data', { option: word }));
        p.data.push(
          kind === 'data-urlencode' ? urlencodeData(value) : kind === 'data' ? value.replace(/[\r\n]/g, '') : value,
        );
        if (kind === 'json') p.json = true;
        break;
      case 'user':
        p.user = value;
        break;
      case 'bearer':
        p.bearer = value;
        break;
      case 'url': {
        const failed = setUrl(value);
        if (failed) return failed;
        break;
      }
      case 'user-agent':
        p.headers.push(['User-Agent', value]);
        break;
      case 'referer':
        p.headers.push(['Referer', value]);
        break;
      case 'cookie':
        if (!value.includes('=')) return fail(message('curl.file-data', { option: word }));
        p.headers.push(['Cookie', value]);
        break;
      case 'max-time': {
        const seconds = Number(value);
        if (Number.isFinite(seconds) && seconds > 0)
          p.timeoutMs = Math.min(300000, Math.max(100, Math.round(seconds * 1000)));
        break;
      }
      case 'form':
        return fail(message('curl.multipart', {}));
      case 'output':
        p.notes.push(message('curl.ignored-option', { option: word, reason: 'output' }));
        break;
      case 'transport':
        p.notes.push(message('curl.ignored-option', { option: word, reason: 'transport' }));
        break;
    }
  }
  return p;
}

/** `--data-urlencode name=value` sends `name=` + the value encoded (curl's own rule). */
function urlencodeData(value: string): string {
  const eq = value.indexOf('=');
  if (eq < 0) return encodeURIComponent(value);
  return `${value.slice(0, eq)}=${encodeURIComponent(value.slice(eq + 1))}`;
}

/** name=value&… as rows, or undefined when the text is not such pairs. */
function formPairs(text: string): [string, string][] | undefined {
  const rows: [string, string][] = [];
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    if (eq <= 0) return undefined;
    try {
      rows.push([
        decodeURIComponent(pair.slice(0, eq).replace(/\+/g, ' ')),
        decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, ' ')),
      ]);
    } catch {
      return undefined;
    }
  }
  return rows.length > 0 ? rows : undefined;
}

const rows = (pairs: [string, string][]) => pairs.map(([name, value]) => ({ name, value }));

/** Converts a cURL command line; `ok: false` names what is not understood. */
export function importCurl(command: string): ImportOutcome {
  const words = shellWords(command.trim());
  if (!Array.isArray(words)) return words;
  if (words[0] !== 'curl' && words[0] !== 'curl.exe') return fail(message('curl.not-curl', {}));
  const p = parseOptions(words);
  if ('ok' in p) return p;
  if (p.url === undefined) return fail(message('curl.no-url', {}));

  let url: URL;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(p.url) ? p.url : `https://${p.url}`;
  try {
    url = new URL(withScheme);
  } catch {
    return fail(message('curl.invalid-url', { url: p.url.replace(/\/\/[^@/]*@/, '//…@').slice(0, 200) }));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return fail(message('curl.invalid-url', { url: url.origin === 'null' ? url.protocol : url.origin }));
  }

  // The one secret: -u, --oauth2-bearer, user:pass@ in the URL, or a secret-looking header.
  const secrets: {
    label: string;
    take: () => Pick<ImportedCredential, 'kind' | 'values'> & { auth: WebServiceConfig['auth'] };
  }[] = [];
  if (p.user !== undefined) {
    const user = p.user;
    secrets.push({ label: '-u', take: () => basicFrom(user) });
  }
  if (url.username !== '' || url.password !== '') {
    const user = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    secrets.push({ label: 'the URL user', take: () => basicFrom(user) });
    url.username = '';
    url.password = '';
  }
  if (p.bearer !== undefined) {
    const token = p.bearer;
    secrets.push({
      label: '--oauth2-bearer',
      take: () => ({ kind: 'bearer', values: { token }, auth: { type: 'bearer' } }),
    });
  }
  const headers: [string, string][] = [];
  let contentType: string | undefined;
  for (const [name, value] of p.headers) {
    if (name.toLowerCase() === 'content-type') contentType = value;
    else if (isSecretHeaderName(name)) secrets.push({ label: name, take: () => credentialFromHeader(name, value) });
    else headers.push([name, value]);
  }
  if (secrets.length > 1)
    return fail(message('curl.two-secrets', { first: secrets[0]!.label, second: secrets[1]!.label }));

  const query: [string, string][] = [...url.searchParams.entries()];
  for (const [name] of query) {
    if (isSecretParamName(name)) return fail(message('curl.secret-in-query', { name }));
  }

  let method = p.method ?? (p.data.length > 0 && !p.get ? 'POST' : 'GET');
  if (!METHODS.has(method)) return fail(message('curl.bad-method', { method: method.slice(0, 20) }));
  let body: WebServiceConfig['body'] = { type: 'none' };
  const notes = [...p.notes];
  if (p.data.length > 0) {
    const text = p.data.join('&');
    if (p.get) {
      const pairs = formPairs(text);
      if (!pairs) return fail(message('curl.bad-header', { header: '-G data' }));
      for (const [name] of pairs) if (isSecretParamName(name)) return fail(message('curl.secret-in-query', { name }));
      query.push(...pairs);
      method = p.method ?? 'GET';
    } else {
      body = bodyFrom(p.json ? p.data.join('') : text, p.json ? 'application/json' : contentType, headers);
    }
  } else if (contentType !== undefined) {
    headers.push(['Content-Type', contentType]);
  }

  const origin = url.origin;
  url.search = '';
  url.hash = '';
  let credential: ImportedCredential | undefined;
  let auth: WebServiceConfig['auth'] = { type: 'none' };
  const secret = secrets[0];
  if (secret) {
    const taken = secret.take();
    auth = taken.auth;
    credential = {
      name: credentialNameFrom(url.hostname),
      kind: taken.kind,
      allowedOrigins: [origin],
      values: taken.values,
    };
    notes.push(
      message('import.secret-extracted', {
        place: secret.label === '-u' ? 'user' : secret.label === 'the URL user' ? 'url' : 'header',
        name: secret.label === '-u' || secret.label === 'the URL user' ? '' : secret.label,
        credential: credential.name,
      }),
      message('import.credential-to-create', { credential: credential.name, kind: credential.kind, valueFound: true }),
    );
  }
  return {
    ok: true,
    result: {
      source: 'curl',
      nodeName: nodeNameFor(method, url.pathname),
      title: `${method} ${url.hostname}${url.pathname === '/' ? '' : url.pathname}`.slice(0, 80),
      config: webServiceConfig({
        method: method as WebServiceConfig['method'],
        // The URL without its query: the query goes into rows, each encoded once when sent.
        url: url.href.replace(/\?$/, ''),
        query: rows(query),
        headers: rows(headers),
        body,
        auth,
        ...(p.timeoutMs !== undefined ? { timeoutMs: p.timeoutMs } : {}),
      }),
      ...(credential ? { credential } : {}),
      notes,
    },
  };
}

function basicFrom(user: string): Pick<ImportedCredential, 'kind' | 'values'> & { auth: WebServiceConfig['auth'] } {
  const colon = user.indexOf(':');
  const name = colon < 0 ? user : user.slice(0, colon);
  const password = colon < 0 ? '' : user.slice(colon + 1);
  if (name.endsWith('/token')) {
    return { kind: 'zendeskApiToken', values: { email: name.slice(0, -6), token: password }, auth: { type: 'basic' } };
  }
  return { kind: 'basic', values: { username: name, password }, auth: { type: 'basic' } };
}

/** JSON when it says or parses as JSON, form fields when form-encoded, else text. */
function bodyFrom(
  text: string,
  contentType: string | undefined,
  headers: [string, string][],
): WebServiceConfig['body'] {
  const saysJson = contentType !== undefined && /json/i.test(contentType);
  const saysForm = contentType === undefined || /x-www-form-urlencoded/i.test(contentType);
  if (saysJson || (contentType === undefined && /^\s*[[{]/.test(text))) {
    const json = parseTemplatedJson(text);
    if (json.ok) return { type: 'json', json: json.value };
  }
  if (saysForm) {
    const pairs = formPairs(text);
    if (pairs) return { type: 'form', form: rows(pairs) };
  }
  headers.push(['Content-Type', contentType ?? 'application/x-www-form-urlencoded']);
  return { type: 'text', text };
}

/**
 * `GET /api/v2/users/me.json` → `getUsersMe`: the method and the last two path words that are
 * not versions or ids, which is how an admin would name the step.
 */
export function nodeNameFor(method: string, pathname: string): string {
  const words = pathname
    .split('/')
    .map((segment) => segment.replace(/\.[a-z]+$/i, ''))
    .filter((segment) => /^[A-Za-z][A-Za-z_-]*$/.test(segment) && !/^v\d/i.test(segment) && segment !== 'api')
    .slice(-2)
    .flatMap((segment) => segment.split(/[-_]+/));
  return [method.toLowerCase(), ...words.map((w) => w.charAt(0).toUpperCase() + w.slice(1))].join('');
}
