import { newQuickJSWASMModule, type QuickJSContext, type QuickJSRuntime } from 'quickjs-emscripten';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeBinaryJson } from './binary-json.js';
import { QuickJsSandbox, sandboxInputFormat } from './quickjs-sandbox.js';

let runtime: QuickJSRuntime;
let context: QuickJSContext;
beforeAll(async () => {
  // The same build the sandbox runs (quickjs-emscripten's default release variant).
  const module = await newQuickJSWASMModule();
  runtime = module.newRuntime();
  context = runtime.newContext();
});
afterAll(() => {
  context.dispose();
  runtime.dispose();
});

/** What QuickJS itself writes for the value, after a JSON round trip inside the VM. */
function vmBytes(value: unknown): Uint8Array {
  const parse = context.unwrapResult(context.evalCode('(function (s) { return JSON.parse(s); })'));
  const text = context.newString(JSON.stringify(value));
  const parsed = context.unwrapResult(context.callFunction(parse, context.undefined, text));
  const encoded = context.encodeBinaryJSON(parsed);
  const bytes = new Uint8Array(context.getArrayBuffer(encoded).value.slice());
  for (const h of [parse, text, parsed, encoded]) h.dispose();
  return bytes;
}

/** Our bytes decoded in the VM, then JSON.stringify'd there. */
function vmReadBack(bytes: Uint8Array): string {
  const buffer = context.newArrayBuffer(bytes.slice().buffer);
  const value = context.decodeBinaryJSON(buffer);
  buffer.dispose();
  expect(context.typeof(value)).toBe('object');
  const stringify = context.unwrapResult(context.evalCode('(function (v) { return JSON.stringify(v); })'));
  const text = context.unwrapResult(context.callFunction(stringify, context.undefined, value));
  const out = context.getString(text);
  for (const h of [value, stringify, text]) h.dispose();
  return out;
}

const SAMPLES: Record<string, unknown> = {
  'scalars in an array': [null, true, false, 0, 1, -1, 63, -64, 64, -65, 8191, -8192, 2147483647, -2147483648],
  'floats and big integers': [1.5, -2.25, 2147483648, -2147483649, 1e21, 5e-324, Number.MAX_VALUE, 0.1 + 0.2],
  'Latin-1 and wide strings': [
    '',
    'abc',
    'café ÿ',
    '日本語のテキスト',
    'emoji 😀 pair',
    'mixed é and ж',
    'x'.repeat(300),
  ],
  'keys that are array indexes': { '0': 'a', '1': 'b', '10': 'c', '2147483647': 'd', '2147483648': 'e', '01': 'f' },
  'empty, odd and repeated keys': { '': 1, 'a b': { 'a b': 2 }, ключ: [{ ключ: 3 }], é: 4 },
  'a Genesys-shaped scope': {
    trigger: { body: { ConversationID: '1bc96a39-6725-40c4-9345-db72aa67b8c6', Q1: 2 }, headers: {}, query: {} },
    steps: {
      getDetails: {
        status: 200,
        body: {
          participants: [
            { purpose: 'customer', sessions: [{ segments: [{ segmentStart: '2021-04-01T12:27:53.386Z' }] }] },
            { purpose: 'agent', userId: '50fcd33c', metrics: [{ name: 'nConnected', value: 1 }] },
          ],
        },
      },
    },
    vars: { conversationId: '1bc96a39', score: 4.5, flagged: false, none: null },
  },
  'many keys (two-byte count)': Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${i}`, i])),
  'empty containers': { a: {}, b: [], c: [[]], d: [{}] },
};

describe('encodeBinaryJson: the bytes QuickJS itself writes', () => {
  for (const [name, value] of Object.entries(SAMPLES)) {
    it(name, () => {
      expect(Buffer.from(encodeBinaryJson(value)!).toString('hex')).toBe(Buffer.from(vmBytes(value)).toString('hex'));
    });
  }
});

describe('encodeBinaryJson: reads back in the VM as JSON.parse(JSON.stringify(value))', () => {
  const cases: Record<string, unknown> = {
    ...SAMPLES,
    'undefined, functions and symbols: skipped in objects, null in arrays': {
      a: undefined,
      b: () => 1,
      c: Symbol('s'),
      d: 1,
      list: [undefined, () => 1, Symbol('s'), 2],
    },
    'NaN, Infinity and -0': [NaN, Infinity, -Infinity, -0, { z: -0 }],
    'sparse arrays': [1, , 3],
    'lone surrogates': ['\ud800', 'a\udc00b', '\ud83d'],
    'an own __proto__ key': JSON.parse('{"__proto__": {"polluted": true}, "x": 1}'),
    'a null-prototype object': Object.assign(Object.create(null), { a: 1 }),
    'skipped properties among more than 127': Object.fromEntries(
      Array.from({ length: 200 }, (_, i) => [`k${i}`, i % 3 === 0 ? undefined : i]),
    ),
    'a count that shrinks below 128 (padded LEB128)': Object.fromEntries(
      Array.from({ length: 150 }, (_, i) => [`k${i}`, i % 2 === 0 ? undefined : i]),
    ),
    'getters are read once, like JSON.stringify': {
      get computed() {
        return 'value';
      },
    },
  };
  for (const [name, value] of Object.entries(cases)) {
    it(name, () => {
      expect(vmReadBack(encodeBinaryJson(value)!)).toBe(JSON.stringify(value));
    });
  }

  it('keeps an own __proto__ key an own property, not the prototype', () => {
    const bytes = encodeBinaryJson(JSON.parse('{"__proto__": {"polluted": true}}'))!;
    const buffer = context.newArrayBuffer(bytes.slice().buffer);
    const value = context.decodeBinaryJSON(buffer);
    const check = context.unwrapResult(
      context.evalCode(
        '(function (o) { return [Object.getPrototypeOf(o) === Object.prototype, Object.keys(o).join(), ({}).polluted === undefined]; })',
      ),
    );
    const result = context.unwrapResult(context.callFunction(check, context.undefined, value));
    expect(context.dump(result)).toEqual([true, '__proto__', true]);
    for (const h of [buffer, value, check, result]) h.dispose();
  });
});

describe('encodeBinaryJson: leaves what is not plain JSON data to JSON text', () => {
  const cycle: Record<string, unknown> = { a: 1 };
  cycle.self = cycle;
  let deep: unknown = 1;
  for (let i = 0; i < 500; i++) deep = [deep];
  const bail: Record<string, unknown> = {
    'a Date (toJSON)': { at: new Date(0) },
    'an own toJSON': { v: { toJSON: () => 'x' } },
    'a Map': { m: new Map([[1, 2]]) },
    'a Buffer': { b: Buffer.from('hi') },
    'a typed array': { t: new Uint8Array(2) },
    'a class instance': { c: new (class Thing {})() },
    'a boxed string': { s: new String('x') },
    'a BigInt': { n: 1n },
    'a cycle': cycle,
    'very deep nesting': deep,
  };
  for (const [name, value] of Object.entries(bail)) {
    it(name, () => expect(encodeBinaryJson(value)).toBeUndefined());
  }

  it('lets a getter’s error through, as JSON.stringify does', () => {
    const value = {
      get broken(): never {
        throw new Error('getter failed');
      },
    };
    expect(() => encodeBinaryJson(value)).toThrow('getter failed');
  });
});

describe('QuickJsSandbox: input that takes the JSON text path', () => {
  const sandbox = new QuickJsSandbox();
  afterAll(() => sandbox.dispose());
  const LIMITS = { timeoutMs: 1000, memoryBytes: 32 * 1024 * 1024 };
  const run = (source: string, input: unknown) => sandbox.run(source, input, LIMITS);

  it('sees a Date as its JSON string and a Map as {}', async () => {
    const r = await run('return [trigger.at, typeof trigger.at, steps.m]', {
      trigger: { at: new Date(0) },
      steps: { m: new Map([[1, 2]]) },
    });
    expect(r).toMatchObject({ ok: true, value: ['1970-01-01T00:00:00.000Z', 'string', {}] });
  });

  it('reports a BigInt or a cycle in the input as not JSON', async () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    for (const input of [{ vars: { n: 1n } }, { vars: cycle }]) {
      const r = await run('return 1', input);
      expect(r.ok).toBe(false);
      expect(r).toMatchObject({ error: expect.stringMatching(/^The code's input could not be turned into JSON: /) });
    }
  });

  it('gives the same answer for the same data either way', async () => {
    const source = 'return { keys: Object.keys(input), t: trigger, s: steps, v: vars }';
    const data = { trigger: { body: { a: [1, 'é', '日本', null] } }, steps: { x: { y: 1.5 } }, vars: { z: -0 } };
    const binary = await run(source, data);
    const text = await run(source, { toJSON: () => data }); // toJSON: JSON text path
    const withDate = await run(source, { ...data, vars: { z: -0, d: new Date(0) } });
    expect(binary).toEqual(text);
    expect(binary).toMatchObject({ ok: true, value: { keys: ['trigger', 'steps', 'vars'], v: { z: 0 } } });
    expect(withDate).toMatchObject({ ok: true, value: { v: { z: 0, d: '1970-01-01T00:00:00.000Z' } } });
  });

  it('uses the binary format on this QuickJS build (the probe read it back)', async () => {
    await run('return 1', { a: 1 });
    expect(sandboxInputFormat()).toBe('binary');
  });

  it('passes scalars and arrays as before', async () => {
    expect(await run('return [typeof input, input]', 'text')).toMatchObject({ ok: true, value: ['object', {}] });
    expect(await run('return [trigger, steps]', [1, 2])).toMatchObject({ ok: true, value: [null, null] });
    expect(await run('return input', null)).toMatchObject({ ok: true, value: {} });
  });
});
