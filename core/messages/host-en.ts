/**
 * English words for what the hosts refuse (the designer's host service, the Electron main
 * process, the browser designer's server): credentials the user typed, paths, files, deploys,
 * arguments. Kept beside en.ts, which spreads it in; the Japanese catalogue is checked against
 * these like every other code. Credential kinds and field labels come from the credentials
 * dialog's own table (core/credential-texts.ts), so a message names a field as the form does.
 */
import { credentialTexts } from '../credential-texts.js';
import type { Words } from './words.js';

/** A field's label as the credentials form shows it in `w`'s language ("Token endpoint"). */
export function credentialFieldLabel(w: Words, kind: string, field: string): string {
  const key = `credField.${kind}.${field}`;
  return credentialTexts[w.lang][key] ?? credentialTexts.en[key] ?? field;
}

type Cred = { name: string };
type NoParams = Record<string, never>;

/** Files the hosts and the engine read, by what they hold; `what` params take these keys. */
export const FILE_WORDS_EN: Readonly<Record<string, string>> = {
  file: 'file',
  'flow file': 'flow file',
  'payload file': 'payload file',
  'recorded response file': 'recorded response file',
  'test file': 'test file',
  'sample payload': 'sample payload',
  input: 'input',
};
const file = (what: string) => FILE_WORDS_EN[what] ?? what;

/** A file only its owner may read: the credentials file, or the browser designer's key file. */
export type PrivateFile = 'credentials' | 'designer-key';
const PRIVATE_FILE_EN: Record<PrivateFile, string> = {
  credentials: 'credentials file',
  'designer-key': 'designer key file',
};

/** Where credential records were checked: the file read (`path`), or none for those being written. */
export type RecordsAt = { path?: string };
const recordsAt = (p: RecordsAt) => p.path ?? 'credentials to write';

/** What a deploy-server call was doing when it failed. */
export type DeployAction = 'deploy' | 'versions' | 'rollback' | 'executions' | 'execution' | 'cancel';
const ACTION_WORDS: Record<DeployAction, (p: { version?: number; id?: string }) => string> = {
  deploy: () => 'Deploy',
  versions: () => 'Listing the deployed versions',
  rollback: (p) => `Rolling back to version ${p.version ?? '?'}`,
  executions: () => 'Listing the executions',
  execution: (p) => `Reading execution ${p.id ?? '?'}`,
  cancel: (p) => `Cancelling run ${p.id ?? '?'}`,
};
type CredField = Cred & { kind: string; field: string };

export const hostMessagesEn = {
  // ---- Credentials the user entered (credentials dialog, deploy target) -----------------------
  'credential.bad-name': (p: Cred) =>
    `Credential name '${p.name}' is not valid: use letters, digits, '-' and '_', starting with a letter (at most 64).`,
  'credential.reserved-name': (p: Cred) =>
    `The name '${p.name}' is reserved for the deploy server (set it in Deploy to server…).`,
  'credential.unknown-kind': (p: Cred & { kind: string }) => `Credential '${p.name}': unknown kind '${p.kind}'.`,
  'credential.unknown-field': (p: CredField & { fields: readonly string[] }, w: Words) =>
    `Credential '${p.name}' (${w.kind(p.kind)}) has no field '${p.field}'; its fields are ${p.fields.join(', ')}.`,
  'credential.missing-fields': (p: Cred & { kind: string; fields: readonly string[] }, w: Words) =>
    `Credential '${p.name}' (${w.kind(p.kind)}) needs: ${p.fields.map((f) => credentialFieldLabel(w, p.kind, f)).join(', ')}.`,
  'credential.bad-url': (p: CredField & { value: string }, w: Words) =>
    `Credential '${p.name}' (${w.kind(p.kind)}): ${credentialFieldLabel(w, p.kind, p.field)} '${p.value}' is not a web address; write it whole, starting with https://.`,
  'credential.bad-option': (p: CredField & { value: string; options: readonly string[] }, w: Words) =>
    `Credential '${p.name}' (${w.kind(p.kind)}): ${credentialFieldLabel(w, p.kind, p.field)} must be ${w.list(p.options, 'or')}, not '${p.value}'.`,
  'credential.bad-origin': (p: Cred & { origin: string }) =>
    `Credential '${p.name}': allowed origin '${p.origin}' must look like https://host or https://host:port (no path).`,

  // ---- Reaching the host ------------------------------------------------------------------------
  'host.unreachable': (_p: Record<string, never>) =>
    'The designer server cannot be reached. Is `flowdesk designer` still running?',
  'host.answered': (p: { status: number; method: string }) =>
    `The designer server answered ${p.status} to ${p.method}.`,
  'host.link-not-http': (p: { protocol: string }) => `Only http and https links can be opened (not ${p.protocol}).`,
  'host.no-open-links': (p: { url: string }) =>
    `Open ${p.url} from the browser: the designer server does not open links.`,
  'host.token': (_p: NoParams) => 'Missing or wrong designer token: open the URL that `flowdesk designer` printed.',
  'host.host-not-allowed': (p: { host: string; port: number }) =>
    `Host '${p.host}' is not allowed: open the designer at http://127.0.0.1:${p.port}/`,
  'host.origin-not-allowed': (p: { origin: string }) => `Requests from ${p.origin} are not allowed.`,
  'host.unknown-method': (p: { method: string }) => `Unknown host method '${p.method}'.`,
  'host.foreign-sender': (p: { channel: string }) =>
    `Refused ${p.channel}: the request did not come from a Flowdesk window.`,
  'host.bad-body': (_p: NoParams) => 'The request body must be a JSON object {"args": [...]}.',
  'host.too-large': (_p: NoParams) => 'The request is too large.',
  'host.internal': (_p: NoParams) => 'Internal error in the designer server.',
  'host.not-found': (_p: NoParams) => 'Not found.',
  // A call whose arguments do not match HOST_METHODS: a bug or a foreign page, never a person's typing.
  'host.not-a-method': (p: { method: string }) => `'${p.method}' is not a host method`,
  'host.args-not-list': (p: { method: string }) => `${p.method}: the arguments must be a list`,
  'host.arity': (p: { method: string; names: readonly string[]; count: number }) =>
    `${p.method} takes (${p.names.join(', ')}) but was called with ${p.count} argument(s)`,
  'host.argument': (p: { method: string; detail: string }) => `${p.method}: ${p.detail}`,

  // ---- Paths and files ------------------------------------------------------------------------
  'path.empty': (_p: NoParams) => 'The file path is empty.',
  'path.nul': (p: { path: string }) => `The file path '${p.path}' contains a NUL character.`,
  'path.dot-dot': (p: { path: string; root: string }) =>
    `The path '${p.path}' uses '..'; only files inside the workspace ${p.root} can be opened or saved.`,
  'path.outside-workspace': (p: { path: string; root: string }) =>
    `The path '${p.path}' is outside the workspace ${p.root}; only files inside it can be opened or saved.`,
  'path.link-outside-workspace': (p: { path: string; root: string }) =>
    `The path '${p.path}' leads outside the workspace ${p.root} through a symbolic link.`,
  'path.not-flow-file': (p: { path: string; extension: string }) =>
    `'${p.path}' is not a flow file: flow files end in ${p.extension}.`,
  // A file a flow names (a payload, a recorded response), confined to the flow's folder.
  'path.named-empty': (p: { what: string }) => `The ${file(p.what)} path is empty.`,
  'path.named-nul': (p: { what: string; name: string }) =>
    `The ${file(p.what)} path '${p.name}' contains a NUL character.`,
  'path.absolute': (p: { what: string; name: string; root: string }) =>
    `The ${file(p.what)} '${p.name}' is an absolute path; it must be relative to the flow's folder (${p.root}).`,
  'path.leaves-folder': (p: { what: string; name: string; root: string }) =>
    `The ${file(p.what)} '${p.name}' leaves the flow's folder (${p.root}) through '..'.`,
  'path.hidden': (p: { what: string; name: string }) =>
    `The ${file(p.what)} '${p.name}' names a hidden file or folder (a name starting with '.').`,
  'path.link-outside': (p: { what: string; name: string; root: string }) =>
    `The ${file(p.what)} '${p.name}' is a symbolic link (or inside one) that points outside the flow's folder (${p.root}).`,
  'path.link-hidden': (p: { what: string; name: string }) =>
    `The ${file(p.what)} '${p.name}' is a symbolic link to a hidden file or folder.`,
  'file.not-found': (p: { path: string }) => `The file ${p.path} does not exist.`,
  'file.missing': (p: { shown: string; what: string }) => `${p.shown}: ${file(p.what)} not found`,
  'file.is-directory': (p: { shown: string; what: string }) => `${p.shown}: is a directory, not a ${file(p.what)}`,
  'file.not-regular': (p: {
    shown: string;
    what: string;
    kind: 'directory' | 'fifo' | 'device' | 'socket' | 'other';
  }) =>
    `${p.shown}: is ${
      {
        directory: 'a directory',
        fifo: 'a named pipe (FIFO)',
        device: 'a device',
        socket: 'a socket',
        other: 'not a regular file',
      }[p.kind]
    }, not a ${file(p.what)}; only regular files are read`,
  'file.unreadable': (p: { shown: string; what: string; error: string }) =>
    `${p.shown}: cannot read the ${file(p.what)} (${p.error})`,
  'file.too-large': (p: { shown: string; what: string; size?: number; limit: string }) =>
    p.size !== undefined
      ? `${p.shown}: the ${file(p.what)} is ${p.size} bytes, over the limit of ${p.limit}`
      : `${p.shown}: the ${file(p.what)} is over the limit of ${p.limit}`,
  // The desktop app reads and writes only files the user chose.
  'file.not-absolute': (p: { path: string }) => `'${p.path}' is not an absolute file path.`,
  'file.not-flow': (p: { path: string }) => `'${p.path}' is not a flow file (flow files end in .flow.json).`,
  'file.not-chosen': (p: { path: string }) => `Flowdesk opens only files you chose (File › Open…): ${p.path}`,
  'file.save-not-chosen': (p: { path: string }) => `Flowdesk saves only where you chose (File › Save As…): ${p.path}`,
  'vault.unavailable': (_p: NoParams) =>
    'Credentials cannot be stored on this computer: the operating system offers Flowdesk no encryption ' +
    '(on Linux a keyring such as GNOME Keyring or KWallet must be running). Supply credentials through ' +
    'environment variables instead (FLOWDESK_CRED_<NAME>_<FIELD>, see the README).',
  'run.no-test-case': (p: { name: string; names: readonly string[] }) =>
    `The flow has no test case named '${p.name}'${p.names.length ? ` (it has ${p.names.map((n) => `'${n}'`).join(', ')})` : ''}.`,

  // ---- Deploy to server ---------------------------------------------------------------------------
  'deploy.bad-url': (p: { url: string }) =>
    `Server URL '${p.url}' is not a URL: write it like https://flows.example.com`,
  'deploy.bad-scheme': (p: { url: string }) =>
    `Server URL '${p.url}' must start with https:// (or http:// on this computer).`,
  'deploy.url-with-path': (p: { url: string }) =>
    `Server URL '${p.url}' must be the server's address only (like https://flows.example.com), without a path.`,
  'deploy.bad-id': (p: { what: 'flow' | 'execution'; value: string }) =>
    `${p.what === 'flow' ? 'Flow id' : 'Execution id'} '${p.value}' is not valid.`,
  'deploy.no-target': (_p: NoParams) => 'No deploy server is set: enter its URL and an admin token first.',
  'deploy.no-token': (p: { url: string }) => `No admin token is stored for ${p.url}: enter one with the deploy role.`,
  'deploy.token-needed': (p: { url: string }) =>
    `Enter an admin token for ${p.url} (a FLOWDESK_ADMIN_TOKENS token with the deploy role).`,
  'deploy.unreachable': (p: { url: string; error?: string }) =>
    `Cannot reach the deploy server ${p.url}${p.error ? ` (${p.error})` : ''}: is \`flowdesk serve\` running there?`,
  'deploy.too-large': (p: { method: string; path: string }) =>
    `The deploy server's answer to ${p.method} ${p.path} is larger than 32 MB.`,
  'deploy.token-refused': (p: { url: string }) =>
    `The deploy server ${p.url} refused the admin token (401): enter a valid one.`,
  'deploy.forbidden': (p: { url: string }) =>
    `The admin token is not allowed to do this on ${p.url} (403): deploying needs a token with the deploy role.`,
  'deploy.no-admin-api': (p: { url: string }) =>
    `${p.url} has no admin API here (404): is it a \`flowdesk serve\` started with FLOWDESK_ADMIN_TOKENS?`,
  'deploy.failed': (p: { action: DeployAction; version?: number; id?: string; status: number; reason?: string }) =>
    `${ACTION_WORDS[p.action](p)} failed: the server answered ${p.status}${p.reason ? `: ${p.reason}` : ''}.`,
  'deploy.not-json': (_p: NoParams) => 'The flow is not valid JSON; fix it before deploying.',

  // ---- The encrypted credentials file (browser designer, CLI) -------------------------------
  'credentials-file.no-key': (_p: NoParams) =>
    'FLOWDESK_CREDENTIALS_KEY is not set: the credentials file cannot be opened without it',
  'credentials-file.wrong-key': (p: { path: string }) =>
    `cannot decrypt ${p.path}: wrong FLOWDESK_CREDENTIALS_KEY? (or the file was modified or damaged)`,
  'credentials-file.raw-key': (p: { path: string }) =>
    `cannot decrypt ${p.path}: the file was written with a raw 32-byte key, but FLOWDESK_CREDENTIALS_KEY is not base64 of 32 bytes (wrong FLOWDESK_CREDENTIALS_KEY?)`,
  'credentials-file.not-json': (p: { path: string }) => `${p.path} is not a Flowdesk credentials file (not JSON)`,
  'credentials-file.version': (p: { path: string }) =>
    `${p.path} is not a Flowdesk credentials file of a version this build reads (expected "version": 1)`,
  'credentials-file.damaged': (p: { path: string }) =>
    `${p.path} is damaged: its kdf, iv, tag or data is missing or invalid`,
  'credentials-file.tag': (p: { path: string; bytes: number }) =>
    `${p.path} is damaged: its authentication tag must be ${p.bytes} bytes (the file was cut or tampered with)`,
  'credentials-file.scrypt': (p: { path: string; maxR: number; maxP: number; maxMiB: number }) =>
    `${p.path} asks for scrypt parameters outside the accepted bounds (N a power of two from 2^14 to 2^17, r ≤ ${p.maxR}, p ≤ ${p.maxP}, at most ${p.maxMiB} MiB): refused before deriving the key (damaged or crafted file?)`,
  'credentials-file.not-credentials': (p: { path: string }) =>
    `${p.path} decrypts, but what it holds is not credentials JSON`,
  'credentials-file.unreadable': (p: { path: string; error: string }) =>
    `cannot read the credentials file ${p.path} (${p.error})`,
  'credentials-file.not-a-file': (p: { path: string }) =>
    `${p.path} is not a credentials file (not a regular file, or over 4 MiB)`,
  'credentials-file.readable-by-others': (p: { file: PrivateFile; path: string; mode: string }) =>
    `the ${PRIVATE_FILE_EN[p.file]} ${p.path} can be read by other users (mode ${p.mode}): run \`chmod 600 ${p.path}\` and try again`,
  // The record checks name the file they read, or (no path) the credentials about to be written.
  'credentials-file.not-records': (p: RecordsAt) => `${recordsAt(p)}: expected an object of credentials by name`,
  'credentials-file.record-not-object': (p: RecordsAt & { name: string }) =>
    `${recordsAt(p)}: credential '${p.name}' is not an object`,
  'credentials-file.record-kind': (p: RecordsAt & { name: string; kind: string }) =>
    `${recordsAt(p)}: credential '${p.name}' has an unknown kind "${p.kind}"`,
  'credentials-file.record-fields': (p: RecordsAt & { name: string }) =>
    `${recordsAt(p)}: credential '${p.name}' must have fields with string values`,
  'credentials-file.record-origins': (p: RecordsAt & { name: string }) =>
    `${recordsAt(p)}: credential '${p.name}' has allowedOrigins that are not a list of origins`,
};
