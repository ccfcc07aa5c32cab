/**
 * The `flowdesk` command. `bin/flowdesk.js` calls `main(argv)` and exits with what it returns:
 * 0 ok; 1 run or tests failed; 2 invalid flow, bad JSON, payload refused by the webhook's input
 * schema, usage error; 3 file not found or unreadable (docs/cli.md).
 * Errors are one plain message naming the file and the problem; stacks only with
 * FLOWDESK_DEBUG=1.
 */
import { CommanderError, Option, type Command } from 'commander';
import { CREDENTIAL_KIND_NAMES } from '../../../core/credentials.js';
import { packageVersion } from '../host-service/package-root.js';
import { CliError, EXIT, type ExitCode } from './exit-codes.js';
import { processIo, type CliIo } from './output.js';
import { termText } from './terminal-text.js';
import { CataloguedCommand } from './usage-errors.js';

// Commands load on use, so `flowdesk schema` does not pay for the engine and `test` not for undici.
const commands = {
  credentials: () => import('./commands/credentials.js'),
  designer: () => import('./commands/designer.js'),
  import: () => import('./commands/import.js'),
  run: () => import('./commands/run.js'),
  schema: () => import('./commands/schema.js'),
  serve: () => import('./commands/serve.js'),
  worker: () => import('./commands/worker.js'),
  test: () => import('./commands/test.js'),
  validate: () => import('./commands/validate.js'),
};

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function buildProgram(io: CliIo, setCode: (code: ExitCode) => void): Command {
  // Usage errors (unknown option, missing argument…) are worded from the message catalogue.
  const program = new CataloguedCommand('flowdesk')
    .description('Validate, run and test Flowdesk flow files (*.flow.json).')
    .version(packageVersion(), '-V, --version')
    .exitOverride()
    .showHelpAfterError('(run flowdesk --help for usage)')
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });

  program
    .command('validate')
    .description('check flow files and list every problem with the node and field it concerns')
    .argument('<files...>', 'flow files')
    .option('--json', 'print the issues as JSON')
    .action(async (files: string[], opts: { json?: boolean }) =>
      setCode(await (await commands.validate()).validateCommand(files, opts, io)),
    );

  program
    .command('run')
    .description('run a flow on a payload and print its trace (recorded responses unless --live)')
    .argument('<file>', 'flow file')
    .option('--payload <file>', "webhook body: a JSON file, or - for stdin (default: the test case's payload)")
    .option('--form', 'the --payload file is a form post (application/x-www-form-urlencoded, as Twilio sends)')
    .option('--at <time>', 'a scheduled flow: fire it once as at this ISO 8601 time (default: now)')
    .option('--test <name>', 'take recorded responses (and the payload, without --payload) from this test case')
    .option('--mock <file>', 'recorded responses by node name from a JSON file')
    .option('--live', 'send requests for real, with credentials from the environment or the credentials file')
    .option('--json', 'print the trace as JSON')
    .option('--timeout <ms>', 'whole-run time limit in milliseconds (default 60000)')
    .option('--params <file>', 'flow parameter values: a JSON object of name → value (over FLOWDESK_PARAM_<name>)')
    .action(async (file: string, opts) => setCode(await (await commands.run()).runCommand(file, opts, io)));

  program
    .command('test')
    .description('run the test cases stored in flow files (default: ./flows)')
    .argument('[paths...]', 'flow files or directories (searched for *.flow.json)')
    .addOption(new Option('--reporter <name>', 'output format').choices(['default', 'junit']).default('default'))
    .option('--output <file>', 'also write the report to this file (JUnit XML with --reporter junit)')
    .option(
      '--params <file>',
      "flow parameter values for every case: a JSON object of name → value (a case's own params go over them)",
    )
    .action(async (paths: string[], opts) => setCode(await (await commands.test()).testCommand(paths, opts, io)));

  program
    .command('schema')
    .description('print the JSON Schema of flow files')
    .action(async () => setCode((await commands.schema()).schemaCommand(io)));

  program
    .command('import')
    .description(
      'turn a Genesys Cloud data-action export (JSON) or a cURL command (text) into a flow with a Web Service node',
    )
    .argument('<file>', 'the export or a file holding the curl command; - reads stdin')
    .option('-o, --out <file>', 'write the new flow here (never overwrites) instead of printing it')
    .action(async (file: string, opts: { out?: string }) =>
      setCode(await (await commands.import()).importCommand(file, opts, io)),
    );

  const credentials = program
    .command('credentials')
    .description('manage the encrypted credentials file (FLOWDESK_CREDENTIALS_FILE, key FLOWDESK_CREDENTIALS_KEY)');
  credentials
    .command('set')
    .description('add or replace a credential; secret fields are prompted for or read from stdin')
    .argument('<name>', 'credential name, as flows reference it')
    .requiredOption('--kind <kind>', CREDENTIAL_KIND_NAMES.join(' | '))
    .option('--field <name=value>', 'a field value (repeatable); avoid for secrets', collect, [])
    .option('--from-env', 'take fields from FLOWDESK_CRED_<NAME>_<FIELD> variables')
    .option('--allowed-origin <origin>', 'only send this credential to this origin (repeatable)', collect, [])
    .action(async (name: string, opts) => setCode(await (await commands.credentials()).credentialsSet(name, opts, io)));
  credentials
    .command('list')
    .description('list stored credentials (names, kinds, which fields are set; never values)')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }) =>
      setCode(await (await commands.credentials()).credentialsList(opts, io)),
    );
  credentials
    .command('delete')
    .description('remove a credential')
    .argument('<name>')
    .action(async (name: string) => setCode(await (await commands.credentials()).credentialsDelete(name, io)));

  program
    .command('designer')
    .description('open the flow designer in a browser, serving a workspace folder')
    .option('--port <n>', 'port to listen on (default: a free one)')
    .option('--dir <workspace>', 'folder of flows to edit (default: the current directory)')
    .action(async (opts) => setCode(await (await commands.designer()).designerCommand(opts, io)));

  program
    .command('serve')
    .description('run flows on a server: webhooks, execution history, admin API (docs/server.md)')
    .argument('[paths...]', 'flow files or directories of *.flow.json (default: ./flows)')
    .option('--port <n>', 'port to listen on (default 8080)')
    .option('--host <address>', 'address to listen on (default 127.0.0.1)')
    .option('--workers <n>', 'worker processes running flows (default: the number of cores; 0 = in process)')
    .option('--public-url <url>', 'the address callers use, e.g. https://flows.example.com behind a TLS proxy')
    .option('--db <file>', 'SQLite execution history (default ./flowdesk.db)')
    .option('--body-limit <bytes>', 'largest webhook body accepted (default 1048576)')
    .option('--retention-days <n>', 'delete finished executions older than this')
    .option('--retention-count <n>', 'keep only the newest n finished executions per flow')
    .option('--alert-url <url>', 'POST failed executions here (execution id, failed node, message)')
    .option('--error-flow <id>', 'run this served flow with the failure as its body')
    .option('--no-watch', 'do not reload flow files when they change')
    .option('--queue <redis-url>', 'queue mode: accept here, run on `flowdesk worker` processes sharing this Redis')
    .action(async (paths: string[], opts) => setCode(await (await commands.serve()).serveCommand(paths, opts, io)));

  program
    .command('worker')
    .description('run the executions `flowdesk serve --queue` accepts (docs/server.md, "Scaling out with Redis")')
    .requiredOption('--queue <redis-url>', 'the Redis the accepting servers use, e.g. redis://127.0.0.1:6379')
    .option('--concurrency <n>', 'executions run at once (default 16)')
    .option('--processes <n>', 'flow worker processes under this worker (default: the number of cores)')
    .option('--db <file>', 'the SQLite execution history the accepting servers write (default ./flowdesk.db)')
    .option('--lock-duration <ms>', 'a job whose worker is silent this long is given to another (default 30000)')
    .option('--stalled-interval <ms>', 'how often to look for such jobs (default 30000)')
    .action(async (opts) => setCode(await (await commands.worker()).workerCommand(opts, io)));

  return program;
}

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  let code: ExitCode = EXIT.ok;
  const program = buildProgram(io, (c) => (code = c));
  if (argv.length === 0) {
    io.out(program.helpInformation());
    return EXIT.invalid;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version are not errors; everything else commander rejects is usage.
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') {
        return EXIT.ok;
      }
      return EXIT.invalid;
    }
    if (err instanceof CliError) {
      io.err(`${io.errStyle.red('error:')} ${termText(err.message, { multiline: true })}\n`);
      if (process.env.FLOWDESK_DEBUG === '1' && err.stack) io.err(err.stack + '\n');
      return err.exitCode;
    }
    const e = err as Error;
    io.err(`${io.errStyle.red('error:')} ${termText(e?.message ?? String(err), { multiline: true })}\n`);
    if (process.env.FLOWDESK_DEBUG === '1' && e?.stack) io.err(e.stack + '\n');
    else io.err('(set FLOWDESK_DEBUG=1 for details)\n');
    return EXIT.failed;
  }
}
