/**
 * Flow text → `ValidationResult`: parse, migrate, validate, canonical text, with the core
 * validator over every registered node type. The one place the hosts call it, so both hosts
 * (and the run utility process) agree.
 */
import type { ValidationResult } from '../../../core/host-api.js';
import { loadFlowText } from '../../../core/validate/load-flow.js';
import { NODE_MANIFESTS } from '../../../nodes/registry.js';

export function validateFlowText(text: string, fileName?: string): ValidationResult {
  return loadFlowText(text, NODE_MANIFESTS, fileName);
}
