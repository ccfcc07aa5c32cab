/**
 * `flowdesk credentials set|list|delete` on the encrypted credentials file
 * (`FLOWDESK_CREDENTIALS_FILE`, default ~/.flowdesk/credentials.enc.json; key in
 * `FLOWDESK_CREDENTIALS_KEY`). Values are never printed. Secret fields are best given at the
 * hidden prompt, on stdin or through the environment (`--from-env`): a value on the command
 * line ends up in shell history and the process list, so the CLI warns when one is.
 */
import { message } from '../../../../core/messages/make.js';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { CREDENTIAL_KINDS, CREDENTIAL_NAME_PATTERN, type CredentialKind } from '../../../../core/credentials.js';
import {
  CredentialsFileError,
  readCredentialsFile,
  writeCredentialsFile,
  type CredentialRecords,
} from '../../../credentials/encrypted-file.js';
import { credentialEnvVar } from '../../../credentials/env-names.js';
import { CliError, EXIT, type ExitCode } from '../exit-codes.js';
import { readStdin } from '../files.js';
import type { CliIo } from '../output.js';
import { termText } from '../terminal-text.js';

export function credentialsFilePath(env: NodeJS.ProcessEnv = process.env): string {
  return env.FLOWDESK_CREDENTIALS_FILE || join(homedir(), '.flowdesk', 'credentials.enc.json');
}

function requireKey(env: NodeJS.ProcessEnv = process.env): string {
  const key = env.FLOWDESK_CREDENTIALS_KEY;
  if (!key) {
    throw new CliError(
      'FLOWDESK_CREDENTIALS_KEY is not set: it holds the key (or passphrase) the credentials file is encrypted with',
      EXIT.invalid,
    );
  }
  return key;
}

async function readRecords(path: string, key: string): Promise<CredentialRecords> {
  if (!existsSync(path)) return {};
  try {
    return await readCredentialsFile(path, key);
  } catch (err) {
    if (err instanceof CredentialsFileError) throw new CliError(err.message, EXIT.invalid);
    throw err;
  }
}

export interface SetOptions {
  kind?: string;
  field?: string[];
  fromEnv?: boolean;
  allowedOrigin?: string[];
}

export async function credentialsSet(name: string, opts: SetOptions, io: CliIo): Promise<ExitCode> {
  if (!new RegExp(CREDENTIAL_NAME_PATTERN).test(name)) {
    throw new CliError(
      `'${name}' is not a valid credential name: letters, digits, - and _, starting with a letter`,
      EXIT.invalid,
    );
  }
  const kinds = Object.keys(CREDENTIAL_KINDS);
  if (!opts.kind || !kinds.includes(opts.kind)) {
    throw new CliError(
      `--kind must be one of ${kinds.join(', ')}${opts.kind ? `, not '${opts.kind}'` : ''}`,
      EXIT.invalid,
    );
  }
  const spec = CREDENTIAL_KINDS[opts.kind as CredentialKind];
  const key = requireKey();
  const path = credentialsFilePath();

  const fields: Record<string, string> = {};
  const known = new Map(spec.fields.map((f) => [f.name, f]));
  for (const pair of opts.field ?? []) {
    const eq = pair.indexOf('=');
    // Never quote the argument: without a name before '=', it may be the secret itself.
    if (eq <= 0) {
      throw new CliError(
        `--field expects name=value, e.g. --field clientId=abc (fields: ${[...known.keys()].join(', ')}); one was given without a name`,
        EXIT.invalid,
      );
    }
    const field = pair.slice(0, eq);
    const spec = known.get(field);
    if (!spec) {
      throw new CliError(
        `${opts.kind} credentials have no field '${field}' (fields: ${[...known.keys()].join(', ')})`,
        EXIT.invalid,
      );
    }
    if (spec.secret) {
      io.err(
        `warning: ${field} is secret; a value on the command line can end up in shell history. Prefer the prompt, stdin or --from-env.\n`,
      );
    }
    fields[field] = pair.slice(eq + 1);
  }
  if (opts.fromEnv) {
    for (const f of spec.fields) {
      const value = process.env[credentialEnvVar(name, f.name)];
      if (value !== undefined && value !== '' && fields[f.name] === undefined) fields[f.name] = value;
    }
  }

  const missing = spec.fields.filter((f) => f.required && fields[f.name] === undefined);
  if (missing.length > 0) {
    if (process.stdin.isTTY) {
      for (const f of missing) fields[f.name] = await prompt(`${f.label}${f.secret ? ' (hidden)' : ''}: `, f.secret);
    } else {
      const text = (await readStdin()).replace(/\r?\n$/, '');
      if (missing.length === 1 && !/^[A-Za-z]+=/.test(text)) {
        fields[missing[0]!.name] = text;
      } else {
        // Several fields on stdin: one `name=value` per line.
        for (const line of text.split(/\r?\n/)) {
          const eq = line.indexOf('=');
          if (eq <= 0) continue;
          const field = line.slice(0, eq).trim();
          if (known.has(field) && fields[field] === undefined) fields[field] = line.slice(eq + 1);
        }
      }
    }
  }
  const stillMissing = spec.fields.filter((f) => f.required && (fields[f.name] === undefined || fields[f.name] === ''));
  if (stillMissing.length > 0) {
    throw new CliError(
      message('cli.credential-needs', {
        name,
        kind: spec.label,
        fields: stillMissing.map((f) => f.name),
        envVars: stillMissing.map((f) => credentialEnvVar(name, f.name)),
      }),
      EXIT.invalid,
    );
  }
  for (const f of spec.fields) {
    const value = fields[f.name];
    if (value !== undefined && f.options && !f.options.includes(value)) {
      throw new CliError(message('cli.field-choice', { field: f.name, choices: f.options }), EXIT.invalid);
    }
  }
  const origins = opts.allowedOrigin ?? [];
  for (const o of origins) {
    let ok = false;
    try {
      const u = new URL(o);
      ok = (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === o.replace(/\/$/, '');
    } catch {
      ok = false;
    }
    if (!ok) throw new CliError(message('cli.allowed-origin', { value: o }), EXIT.invalid);
  }

  const records = await readRecords(path, key);
  const existed = name in records;
  records[name] = {
    kind: spec.kind,
    fields,
    ...(origins.length > 0 ? { allowedOrigins: origins.map((o) => new URL(o).origin) } : {}),
  };
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeCredentialsFile(path, key, records);
  io.out(
    `${existed ? 'Updated' : 'Saved'} credential '${name}' (${spec.label}; fields ${Object.keys(fields).join(', ')}) in ${path}\n`,
  );
  return EXIT.ok;
}

export async function credentialsList(opts: { json?: boolean }, io: CliIo): Promise<ExitCode> {
  const path = credentialsFilePath();
  if (!existsSync(path)) {
    if (opts.json) io.out('[]\n');
    else io.out(`No credentials file at ${path}.\n`);
    return EXIT.ok;
  }
  const records = await readRecords(path, requireKey());
  const summaries = Object.entries(records)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, r]) => ({
      name,
      kind: r.kind,
      fieldsSet: Object.keys(r.fields).filter((f) => r.fields[f] !== ''),
      ...(r.allowedOrigins ? { allowedOrigins: r.allowedOrigins } : {}),
    }));
  if (opts.json) {
    io.out(JSON.stringify(summaries, null, 2) + '\n');
    return EXIT.ok;
  }
  if (summaries.length === 0) io.out(`No credentials in ${path}.\n`);
  for (const s of summaries) {
    const origins = s.allowedOrigins ? `  only for ${s.allowedOrigins.join(', ')}` : '';
    const fields = termText(s.fieldsSet.join(', '));
    io.out(
      `${io.style.bold(termText(s.name))}  ${termText(s.kind)}  ${io.style.dim(`fields: ${fields}`)}${termText(origins)}\n`,
    );
  }
  return EXIT.ok;
}

export async function credentialsDelete(name: string, io: CliIo): Promise<ExitCode> {
  const path = credentialsFilePath();
  const key = requireKey();
  const records = await readRecords(path, key);
  if (!(name in records)) {
    io.err(`No credential named '${name}' in ${path}.\n`);
    return EXIT.failed;
  }
  delete records[name];
  await writeCredentialsFile(path, key, records);
  io.out(`Deleted credential '${name}' from ${path}\n`);
  return EXIT.ok;
}

/** Reads one line from the terminal; hidden input echoes nothing. */
function prompt(question: string, hidden: boolean): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      if (hidden) process.stderr.write('\n');
      resolve(answer);
    });
    muted = hidden;
  });
}
