/**
 * The published JSON Schema of a whole flow file: the envelope plus every node type's config
 * schema, chosen by the node's `type` with if/then. `flowdesk schema` prints it; editors such
 * as VS Code use it through the file's `$schema`.
 */
import { FLOW_SCHEMA_ID } from '../flow.js';
import type { JsonSchema } from '../json-schema.js';
import type { AnyNodeTypeManifest } from '../node-type.js';
import { envelopeSchema } from './envelope-schema.js';

/** `$id` of a node type's config schema inside the published schema. */
export function configSchemaId(manifest: AnyNodeTypeManifest): string {
  const own = manifest.configSchema.$id;
  if (typeof own === 'string' && own !== '') return own;
  // Next to the flow schema: https://flowdesk.dev/schema/nodes/<type>-v<version>.json
  return `${FLOW_SCHEMA_ID.replace(/[^/]*$/, '')}nodes/${manifest.type}-v${manifest.version}.json`;
}

/**
 * A config schema as an embedded resource: its own `$id` keeps its `#/$defs/...` references
 * pointing into itself, and `$schema` is dropped because the outer document sets the dialect.
 */
export function embeddedConfigSchema(manifest: AnyNodeTypeManifest): JsonSchema {
  const { $schema: _dialect, ...rest } = manifest.configSchema;
  return { ...rest, $id: configSchemaId(manifest) };
}

export function buildFlowSchema(manifests: readonly AnyNodeTypeManifest[]): JsonSchema {
  const nodeItem: JsonSchema = {
    allOf: [
      { $ref: '#/$defs/node' },
      {
        properties: {
          type: {
            enum: manifests.map((m) => m.type),
            'x-enumMessage': 'is not a node type this Flowdesk knows',
          },
        },
      },
      ...manifests.map((m) => ({
        if: { properties: { type: { const: m.type } }, required: ['type'] },
        then: {
          title: m.title,
          properties: {
            version: { const: m.version },
            config: { $ref: configSchemaId(m) },
          },
        },
      })),
    ],
  };
  const schema = envelopeSchema(nodeItem);
  const defs = { ...(schema.$defs as Record<string, JsonSchema>) };
  for (const m of manifests) defs[`config-${m.type}`] = embeddedConfigSchema(m);
  return { ...schema, $defs: defs };
}
