/**
 * `flowdesk validate <files…> [--json]`: every issue per file, one line each, as
 * "flows/x.flow.json: Web Service 'getDetails' (/nodes/2/config/url): URL is required".
 */
import type { FlowIssue } from '../../../../core/validation-types.js';
import { loadFlowText } from '../../../../core/validate/load-flow.js';
import { hasErrors } from '../../../../core/validate/validate-flow.js';
import { NODE_MANIFESTS } from '../../../../nodes/registry.js';
import { formatIssue } from '../../../engine/errors.js';
import { CliError, EXIT, type ExitCode } from '../exit-codes.js';
import { readTextFile } from '../files.js';
import type { CliIo } from '../output.js';
import { termText as t } from '../terminal-text.js';

interface FileResult {
  file: string;
  valid: boolean;
  issues: FlowIssue[];
  /** Set when the file could not be read at all. */
  error?: string;
}

export async function validateCommand(files: string[], opts: { json?: boolean }, io: CliIo): Promise<ExitCode> {
  const results: FileResult[] = [];
  let code: ExitCode = EXIT.ok;
  for (const file of files) {
    let text: string;
    try {
      text = await readTextFile(file, 'flow file');
    } catch (err) {
      if (!(err instanceof CliError)) throw err;
      results.push({ file, valid: false, issues: [], error: err.message });
      code = EXIT.notFound;
      continue;
    }
    const { issues } = loadFlowText(text, NODE_MANIFESTS, file);
    const valid = !hasErrors(issues);
    if (!valid && code === EXIT.ok) code = EXIT.invalid;
    results.push({ file, valid, issues });
  }

  if (opts.json) {
    io.out(JSON.stringify(results, null, 2) + '\n');
    return code;
  }
  const s = io.style;
  for (const r of results) {
    if (r.error) {
      io.out(`${s.red('✗')} ${t(r.error)}\n`);
      continue;
    }
    const errors = r.issues.filter((i) => i.severity === 'error').length;
    const warnings = r.issues.length - errors;
    const counts = [
      errors ? `${errors} ${errors === 1 ? 'error' : 'errors'}` : '',
      warnings ? `${warnings} ${warnings === 1 ? 'warning' : 'warnings'}` : '',
    ]
      .filter(Boolean)
      .join(', ');
    io.out(`${r.valid ? s.green('✓') : s.red('✗')} ${t(r.file)}${counts ? s.dim(` (${counts})`) : ''}\n`);
    for (const issue of r.issues) {
      const tag = issue.severity === 'error' ? s.red('error') : s.yellow('warning');
      // Syntax errors already start with the file name.
      const text =
        issue.code === 'json-syntax' || issue.code === 'too-deep' ? issue.message : `${r.file}: ${formatIssue(issue)}`;
      io.out(`  ${tag} ${t(text)}\n`);
    }
  }
  return code;
}
