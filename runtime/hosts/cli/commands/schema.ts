/** `flowdesk schema`: the flow file JSON Schema (envelope + every node type's config). */
import { buildFlowSchema } from '../../../../core/schema/flow-schema.js';
import { NODE_MANIFESTS } from '../../../../nodes/registry.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { CliIo } from '../output.js';

export function schemaCommand(io: CliIo): ExitCode {
  io.out(JSON.stringify(buildFlowSchema(NODE_MANIFESTS), null, 2) + '\n');
  return EXIT.ok;
}
