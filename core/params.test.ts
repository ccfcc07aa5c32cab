import { describe, expect, it } from 'vitest';
import type { FlowParam } from './flow.js';
import { resolveParams } from './params.js';

const declared: Record<string, FlowParam> = {
  genesysRegion: {
    type: 'string',
    default: 'mypurecloud.com',
    enum: ['mypurecloud.com', 'mypurecloud.jp', 'mypurecloud.de'],
  },
  pageSize: { type: 'number', default: 25 },
  dryRun: { type: 'boolean', default: false },
  zendeskSubdomain: { type: 'string' },
};

describe('resolveParams', () => {
  it('takes the defaults, then each layer over the ones before, reading text as numbers and true/false', () => {
    const { values, problems } = resolveParams(
      declared,
      { zendeskSubdomain: 'acme', pageSize: '100', dryRun: 'true' }, // environment: text
      { genesysRegion: 'mypurecloud.de' }, // parameters file
      { genesysRegion: 'mypurecloud.jp' }, // test case
    );
    expect(problems).toEqual([]);
    expect(values).toEqual({ genesysRegion: 'mypurecloud.jp', pageSize: 100, dryRun: true, zendeskSubdomain: 'acme' });
  });

  it('names every parameter left without a value, of the wrong type, not allowed, or unknown', () => {
    const { problems } = resolveParams(declared, { pageSize: 'many', genesysRegion: 'example.com', regoin: 'x' });
    expect(problems).toEqual([
      { kind: 'unknown', name: 'regoin' },
      {
        kind: 'enum',
        name: 'genesysRegion',
        allowed: ['mypurecloud.com', 'mypurecloud.jp', 'mypurecloud.de'],
        value: 'example.com',
      },
      { kind: 'type', name: 'pageSize', type: 'number', value: 'many' },
      { kind: 'missing', name: 'zendeskSubdomain' },
    ]);
  });

  it('never repeats a secret value in a problem', () => {
    const { problems } = resolveParams({ pin: { type: 'number', secret: true } }, { pin: 'hunter2' });
    expect(problems).toEqual([{ kind: 'type', name: 'pin', type: 'number', value: '…' }]);
  });
});
