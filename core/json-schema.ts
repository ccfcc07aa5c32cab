/**
 * A JSON Schema document (draft 2020-12). Kept loose on purpose: schemas are data that ajv
 * and @rjsf interpret, and Flowdesk adds `x-` keywords (`x-secret`, `x-template`).
 */
export type JsonSchema = { [keyword: string]: unknown };
