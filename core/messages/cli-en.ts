/**
 * English words for the CLI's usage errors: what commander refuses (an unknown option, a missing
 * argument…) and the options the commands check themselves (a port, a worker count). The CLI
 * prints English; the codes let tools and a later localised CLI tell the errors apart. en.ts
 * spreads these in; the Japanese catalogue is checked against them like every other code.
 */

/** The JSON files the CLI reads, as its messages name them. */
export type CliJsonFile = 'payload' | 'parameters' | 'mock' | 'export';
const JSON_FILE: Record<CliJsonFile, string> = {
  payload: 'the payload',
  parameters: 'the parameters',
  mock: 'the mock file',
  export: 'the export',
};

/** Commander's "(Did you mean …?)" line, when it has a suggestion. */
const didYouMean = (suggestion?: string) => (suggestion ? `\n(Did you mean ${suggestion}?)` : '');

export const cliMessagesEn = {
  'cli.unknown-option': (p: { option: string; suggestion?: string }) =>
    `unknown option '${p.option}'${didYouMean(p.suggestion)}`,
  'cli.unknown-command': (p: { command: string; suggestion?: string }) =>
    `unknown command '${p.command}'${didYouMean(p.suggestion)}`,
  'cli.missing-argument': (p: { argument: string }) => `missing required argument '${p.argument}'`,
  'cli.option-missing-argument': (p: { option: string }) => `option '${p.option}' argument missing`,
  'cli.missing-option': (p: { option: string }) => `required option '${p.option}' not specified`,
  'cli.too-many-arguments': (p: { command?: string; expected: number; received: number }) =>
    `too many arguments${p.command !== undefined ? ` for '${p.command}'` : ''}. Expected ${p.expected} argument${p.expected === 1 ? '' : 's'} but got ${p.received}.`,
  'cli.bad-choice': (p: { option: string; value: string; choices: readonly string[] }) =>
    `option '${p.option}' argument '${p.value}' is invalid. Allowed choices are ${p.choices.join(', ')}.`,
  'cli.conflicting-options': (p: { first: string; second: string }) => `${p.first} cannot be used with ${p.second}`,
  'cli.whole-number': (p: { option: string; min: number; max: number; value: string }) =>
    `${p.option} must be a whole number from ${p.min} to ${p.max}, not '${p.value}'`,
  'cli.port': (p: { value: string }) => `--port must be a port number (0-65535), not '${p.value}'`,
  'cli.public-url': (p: { value: string }) =>
    `--public-url must be an http(s) URL such as https://flows.example.com, not '${p.value}'`,
  'cli.port-in-use': (p: { port: number }) => `port ${p.port} is in use: choose another with --port`,
  'cli.live-and-mock': (_p: Record<string, never>) => '--live and --mock cannot be used together',
  'cli.form-needs-payload': (_p: Record<string, never>) => '--form needs --payload <file>',
  'cli.dir-missing': (p: { dir: string }) =>
    `--dir ${p.dir}: no such folder (create it first, or pick an existing workspace)`,
  'cli.dir-unreadable': (p: { dir: string; error: string }) => `--dir ${p.dir}: cannot open the folder (${p.error})`,
  'cli.dir-is-file': (p: { dir: string }) => `--dir ${p.dir}: is a file, not a folder`,
  'cli.out-exists': (p: { file: string }) =>
    `${p.file} already exists: choose another --out file (import never overwrites)`,
  'cli.json-too-deep': (p: { file: string; what: CliJsonFile; limit: number; line: number; column: number }) =>
    `${p.file}: ${JSON_FILE[p.what]} is nested more than ${p.limit} levels deep (objects and arrays inside each other); Flowdesk refuses deeper JSON (line ${p.line}, column ${p.column})`,
  'cli.json-empty': (p: { file: string; what: CliJsonFile }) => `${p.file}: ${JSON_FILE[p.what]} is empty`,
  'cli.json-invalid': (p: { file: string; what: CliJsonFile; line?: number; column?: number; reason: string }) =>
    `${p.file}: ${JSON_FILE[p.what]} is not valid JSON: ${p.line !== undefined ? `line ${p.line}, column ${p.column ?? 1}: ` : ''}${p.reason}`,
  'cli.field-choice': (p: { field: string; choices: readonly string[] }) =>
    `${p.field} must be one of ${p.choices.join(', ')}`,
  'cli.allowed-origin': (p: { value: string }) =>
    `--allowed-origin '${p.value}' is not an origin like https://api.example.com`,
  'cli.credential-needs': (p: { name: string; kind: string; fields: readonly string[]; envVars: readonly string[] }) =>
    `credential '${p.name}' (${p.kind}) needs ${p.fields.join(', ')}: give them with --field, --from-env (${p.envVars.join(', ')}), the prompt or stdin`,
  'cli.fired-at': (p: { value: string }) =>
    `--at: the firing time '${p.value}' is not an ISO 8601 date and time with a zone, e.g. 2026-04-01T02:00:00+09:00`,
  'cli.params-file': (p: { file: string; problem: string }) => `${p.file}: ${p.problem}`,
  'cli.reporter': (p: { reporter: string }) => `unknown reporter '${p.reporter}': use default or junit`,
  'cli.import-refused': (p: { file: string; reason: string }) => `${p.file}: ${p.reason}`,
};
