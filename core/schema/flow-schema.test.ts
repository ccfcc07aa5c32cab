import { describe, expect, it } from 'vitest';
import { FLOW_SCHEMA_ID } from '../flow.js';
import { FAKE_MANIFESTS, sampleFlow } from '../validate/__fixtures__/fake-manifests.js';
import { createAjv } from './ajv.js';
import { buildFlowSchema } from './flow-schema.js';

describe('buildFlowSchema', () => {
  const schema = buildFlowSchema(FAKE_MANIFESTS);
  const validate = createAjv([schema]).compile(schema);

  it('is a draft 2020-12 schema with the flow $id, tests and layout', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe(FLOW_SCHEMA_ID);
    expect(Object.keys(schema.properties as object)).toEqual(
      expect.arrayContaining(['nodes', 'edges', 'tests', 'layout', 'credentials']),
    );
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });

  it('accepts a valid flow and checks each node config by its type and version', () => {
    expect(validate(sampleFlow())).toBe(true);
    const wrongConfig: any = sampleFlow();
    wrongConfig.nodes[1].config.method = 'FETCH';
    expect(validate(wrongConfig)).toBe(false);
    expect(validate.errors!.some((e) => e.instancePath === '/nodes/1/config/method')).toBe(true);
    const wrongVersion: any = sampleFlow();
    wrongVersion.nodes[2].version = 9;
    expect(validate(wrongVersion)).toBe(false);
    const unknownType: any = sampleFlow();
    unknownType.nodes[2].type = 'nope';
    expect(validate(unknownType)).toBe(false);
  });

  it('keeps $defs references of an embedded config schema working', () => {
    const flow: any = sampleFlow();
    flow.nodes[1].config.headers = [{ name: 'X' }];
    expect(validate(flow)).toBe(false);
    expect(
      validate.errors!.some((e) => e.instancePath === '/nodes/1/config/headers/0' && e.keyword === 'required'),
    ).toBe(true);
  });
});
