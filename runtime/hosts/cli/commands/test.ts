/** `flowdesk test [files|dirs…] [--reporter default|junit] [--output file] [--params file]` */
import { message } from '../../../../core/messages/make.js';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { runTestFilesWithCauses } from '../../../testing/run-flow-tests.js';
import { CliError, EXIT, type ExitCode } from '../exit-codes.js';
import { readParamsFile } from './run.js';
import { formatReport } from '../format-report.js';
import { formatJunit } from '../junit.js';
import type { CliIo } from '../output.js';
import { createStyler } from '../output.js';

export interface TestCommandOptions {
  reporter?: string;
  output?: string;
  params?: string;
}

export async function testCommand(paths: string[], opts: TestCommandOptions, io: CliIo): Promise<ExitCode> {
  const reporter = opts.reporter ?? 'default';
  if (reporter !== 'default' && reporter !== 'junit') {
    throw new CliError(message('cli.reporter', { reporter }), EXIT.invalid);
  }
  const targets = paths.length > 0 ? paths : ['flows'];
  // Only an explicit file: the environment's FLOWDESK_PARAM_* do not change what CI tests.
  const params = opts.params === undefined ? undefined : await readParamsFile(opts.params);
  const { report, causes, files } = await runTestFilesWithCauses(targets, params ? { params } : {});

  if (reporter === 'junit') {
    const xml = formatJunit(report);
    if (opts.output) {
      await writeOutput(opts.output, xml);
      io.out(formatReport(report, io.style, files));
      io.out(`JUnit report written to ${opts.output}\n`);
    } else {
      io.out(xml);
    }
  } else {
    io.out(formatReport(report, io.style, files));
    if (opts.output) await writeOutput(opts.output, formatReport(report, createStyler(false), files));
  }

  if (causes.includes('notFound')) return EXIT.notFound;
  if (report.errors.length > 0) return EXIT.invalid;
  return report.failed > 0 ? EXIT.failed : EXIT.ok;
}

async function writeOutput(path: string, text: string): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
  } catch (err) {
    throw new CliError(
      `${path}: cannot write the report (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
      EXIT.notFound,
    );
  }
}
