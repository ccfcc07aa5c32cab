import { describe, expect, it } from 'vitest';
import type { FlowFile } from '../../../core/flow.js';
import { findLiteralSecrets } from './export-check.js';

function flowWith(config: Record<string, unknown>): FlowFile {
  return {
    $schema: 'x',
    schemaVersion: 1,
    id: 'f',
    name: 'f',
    nodes: [{ id: 'n1', type: 'webService', version: 1, name: 'getDetails', config }],
    edges: [],
  };
}

describe('findLiteralSecrets', () => {
  it('flags typed-in tokens under secret-sounding names with node and pointer', () => {
    const issues = findLiteralSecrets(
      flowWith({
        headers: [
          { name: 'Authorization', value: 'Basic dXNlcjpwYXNz' },
          { name: 'Accept', value: 'application/json' },
        ],
        query: [{ name: 'api_key', value: 'abc123' }],
      }),
    );
    expect(issues.map((i) => i.pointer)).toEqual(['/nodes/0/config/headers/0/value', '/nodes/0/config/query/0/value']);
    expect(issues[0]).toMatchObject({
      severity: 'error',
      code: 'literal-secret',
      nodeId: 'n1',
      field: '/headers/0/value',
    });
    expect(issues[0]!.message).toMatch(/webService 'getDetails': 'Authorization' holds a literal value/);
  });

  it('lets templates, piped text and empty values through', () => {
    expect(
      findLiteralSecrets(
        flowWith({
          headers: [
            { name: 'Authorization', value: 'Bearer {{ steps.login.body.access_token }}' },
            { name: 'X-API-TOKEN', value: '${e://Field/Token}' },
            { name: 'Cookie', value: '' },
            { name: 'token_type', value: 'Bearer' },
          ],
        }),
      ),
    ).toEqual([]);
  });
});
