/**
 * Flow text → `ValidationResult`: parse, migrate, validate, canonical text. The one place the
 * hosts call the core validator, so both hosts (and the utility process) agree on it.
 */
import type { FlowFile } from '../../core/flow.js';
import type { ValidationResult } from '../../core/host-api.js';
import type { FlowIssue } from '../../core/validation-types.js';

// PROVISIONAL until core/validate lands: JSON parse + stable stringify, no schema checks.
export function validateFlowText(text: string): ValidationResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return {
      issues: [{ severity: 'error', code: 'json', message: `The file is not valid JSON: ${(err as Error).message}`, pointer: '' }],
      migrated: [],
    };
  }
  const issues: FlowIssue[] = [];
  const flow = parsed as FlowFile;
  return { issues, flow, migrated: [], canonical: JSON.stringify(flow, null, 2) + '\n' };
}
