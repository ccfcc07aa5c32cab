/**
 * What export refuses: a flow with validation errors, and any literal secret. The validator
 * already flags secret-marked fields; this adds a belt-and-braces scan of every `{name, value}`
 * pair in node configs (headers, query, form fields) for credentials typed in as text, e.g. an
 * `Authorization: Bearer eyJ…` header, because an exported file is what gets mailed around.
 */
import type { FlowFile } from '../../../core/flow.js';
import { escapePointerSegment } from '../../../core/validate/pointer.js';
import type { FlowIssue } from '../../../core/validation-types.js';
import { isSensitiveName } from '../../redactor.js';
import { validateFlowText } from './flow-text.js';
import { chooseBaseDir, copyTestFiles } from './test-files.js';

export type ExportCheck = { ok: true; flow: FlowFile; canonical: string } | { ok: false; issues: FlowIssue[] };

/** A value that is computed (a template or piped text), not typed in. */
function isComputed(value: string): boolean {
  return value.includes('{{') || /\$\{(e|rm):\/\//.test(value);
}

function nodeLabel(node: { name?: unknown; type?: unknown }): string {
  return `${typeof node.type === 'string' ? node.type : 'node'} '${typeof node.name === 'string' ? node.name : '?'}'`;
}

/** Literal values under secret-sounding names anywhere in the nodes' config. */
export function findLiteralSecrets(flow: FlowFile): FlowIssue[] {
  const issues: FlowIssue[] = [];
  const nodes = Array.isArray(flow.nodes) ? flow.nodes : [];
  nodes.forEach((node, index) => {
    const visit = (value: unknown, pointer: string): void => {
      if (Array.isArray(value)) {
        value.forEach((item, i) => visit(item, `${pointer}/${i}`));
        return;
      }
      if (value === null || typeof value !== 'object') return;
      const rec = value as Record<string, unknown>;
      if (typeof rec.name === 'string' && typeof rec.value === 'string' && rec.value.trim() !== '') {
        if (isSensitiveName(rec.name) && !isComputed(rec.value)) {
          issues.push({
            severity: 'error',
            code: 'literal-secret',
            message: `${nodeLabel(node)}: '${rec.name}' holds a literal value; use a credential instead so the secret stays out of the file`,
            pointer: `/nodes/${index}/config${pointer}/value`,
            nodeId: node.id,
            field: `${pointer}/value`,
          });
        }
      }
      for (const [key, item] of Object.entries(rec)) visit(item, `${pointer}/${escapePointerSegment(key)}`);
    };
    visit(node?.config, '');
  });
  return issues;
}

export function checkExport(text: string): ExportCheck {
  const result = validateFlowText(text);
  const blocking = result.issues.filter((i) => i.severity === 'error' || i.code === 'literal-secret');
  if (result.flow) {
    const seen = new Set(blocking.map((i) => i.pointer));
    for (const issue of findLiteralSecrets(result.flow)) if (!seen.has(issue.pointer)) blocking.push(issue);
  }
  if (blocking.length > 0 || !result.flow || result.canonical === undefined) {
    return {
      ok: false,
      issues:
        blocking.length > 0
          ? blocking
          : [{ severity: 'error', code: 'invalid', message: 'The flow could not be read', pointer: '' }],
    };
  }
  return { ok: true, flow: result.flow, canonical: result.canonical };
}

/**
 * The canonical text to write for an export into `targetDir`, after copying the test files it
 * references from wherever they resolve now (the first of `baseDirs` that has them) into
 * `targetDir`, so the exported copy keeps finding them in its own folder. Both hosts write
 * exports through this.
 */
export async function exportText(
  check: Extract<ExportCheck, { ok: true }>,
  baseDirs: readonly string[],
  targetDir: string,
): Promise<string> {
  await copyTestFiles(check.flow, await chooseBaseDir(check.flow, baseDirs), targetDir);
  return check.canonical;
}
