import { describe, expect, it } from 'vitest';
import { FAKE_MANIFESTS, serviceManifest } from './__fixtures__/fake-manifests.js';
import { compileManifests, secretFieldPatterns } from './compiled-manifests.js';

describe('compileManifests', () => {
  it('compiles a manifest set once, also when the array is rebuilt', () => {
    const a = compileManifests(FAKE_MANIFESTS);
    expect(compileManifests(FAKE_MANIFESTS)).toBe(a);
    expect(compileManifests([...FAKE_MANIFESTS])).toBe(a);
    expect(compileManifests(FAKE_MANIFESTS.slice(1))).not.toBe(a);
  });

  it('finds x-secret fields through properties, items and $refs', () => {
    expect(secretFieldPatterns(serviceManifest.configSchema)).toEqual(['/auth/apiKey']);
    expect(
      secretFieldPatterns({
        type: 'object',
        properties: {
          list: { type: 'array', items: { $ref: '#/$defs/s' } },
          map: { additionalProperties: { 'x-secret': true } },
        },
        $defs: { s: { type: 'object', properties: { pw: { type: 'string', 'x-secret': true } } } },
      }),
    ).toEqual(['/list/*/pw', '/map/*']);
  });
});
