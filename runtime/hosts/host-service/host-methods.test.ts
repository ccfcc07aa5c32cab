import { describe, expect, it } from 'vitest';
import { IPC } from '../../../core/host-api.js';
import { ArgumentError, checkArgs, HOST_METHODS } from './host-methods.js';

describe('checkArgs', () => {
  it('accepts good arguments and turns null optionals into undefined', () => {
    expect(checkArgs('saveFlow', ['{}'])).toEqual(['{}']);
    expect(checkArgs('saveFlow', ['{}', null])).toEqual(['{}', undefined]);
    expect(checkArgs('saveFlow', ['{}', 'a.flow.json'])).toEqual(['{}', 'a.flow.json']);
    expect(checkArgs('info', [])).toEqual([]);
    expect(checkArgs('runFlow', [{ flowText: '{}', payload: { a: 1 }, recordedFrom: 't' }])).toHaveLength(1);
  });

  it('names the method and the argument that is wrong', () => {
    expect(() => checkArgs('readFlow', [1])).toThrow('readFlow: path must be string');
    expect(() => checkArgs('readFlow', [1])).toThrow(
      expect.objectContaining({
        name: 'ArgumentError',
        code: 'host.argument',
        params: { method: 'readFlow', detail: 'path must be string' },
      }) as unknown as ArgumentError,
    );
    expect(() => checkArgs('readFlow', [''])).toThrow(/readFlow: path must NOT have fewer than 1 characters/);
    expect(() => checkArgs('readFlow', [])).toThrow(/readFlow takes \(path\) but was called with 0/);
    expect(() => checkArgs('setDirty', ['yes', 'x'])).toThrow('setDirty: dirty must be boolean');
    expect(() => checkArgs('info', 'nope')).toThrow('info: the arguments must be a list');
    expect(() => checkArgs('evalSomething', [])).toThrow(/'evalSomething' is not a host method/);
    expect(() => checkArgs('toString', [])).toThrow(/not a host method/);
  });

  it('checks nested objects: credential input and run requests', () => {
    expect(() => checkArgs('saveCredential', [{ name: '1bad', kind: 'apiKey', fields: {} }])).toThrow(
      /saveCredential: credential\.name must match pattern/,
    );
    expect(() => checkArgs('saveCredential', [{ name: 'ok', kind: 'apiKey', fields: { value: 5 } }])).toThrow(
      'saveCredential: credential.fields.value must be string',
    );
    expect(() => checkArgs('saveCredential', [{ name: 'ok', kind: 'apiKey', fields: {}, extra: 1 }])).toThrow(
      /must NOT have additional properties \('extra'\)/,
    );
    expect(() =>
      checkArgs('saveCredential', [
        { name: 'ok', kind: 'apiKey', fields: {}, allowedOrigins: ['javascript:alert(1)'] },
      ]),
    ).toThrow(/allowedOrigins\.0 must match pattern/);
    expect(() => checkArgs('runFlow', [{ payload: {} }])).toThrow(
      /runFlow: request must have required property 'flowText'/,
    );
  });

  it('maps every Electron channel to exactly one method', () => {
    const channels = Object.values(HOST_METHODS)
      .map((m) => m.channel)
      .filter((c) => c !== undefined);
    expect(new Set(channels).size).toBe(channels.length);
    // menu:command is pushed main → renderer; samples:read has no HostApi method (listSamples returns texts).
    const expected = Object.values(IPC).filter((c) => c !== IPC.menuCommand && c !== IPC.samplesRead);
    expect([...channels].sort()).toEqual([...expected].sort());
  });
});
