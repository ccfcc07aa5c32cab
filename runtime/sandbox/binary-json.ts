/**
 * Writes JSON data in QuickJS's own binary object format (what `JS_ReadObject`, exposed as
 * quickjs-emscripten's `decodeBinaryJSON`, reads), so the Code task's scope reaches the VM
 * without QuickJS parsing JSON text.
 *
 * Why: this QuickJS build is compiled for size (-Oz), and its JSON.parse walks the text one
 * character at a time through non-inlined calls. For a 5 KB Genesys-shaped scope, text in
 * (stringify, copy as UTF-8, JSON.parse in the VM) costs about 2× what this path costs;
 * it was most of a warm Code call.
 *
 * Same data, same semantics as `JSON.parse(JSON.stringify(value))` in the VM: the encoder
 * handles only what JSON.stringify would write verbatim (plain objects and arrays, strings,
 * finite numbers, booleans, null; `undefined`, functions and symbols skipped in objects and
 * written as null in arrays; NaN and ±Infinity as null; -0 as 0) and returns `undefined` for
 * anything else — `toJSON`, class instances (Date, Map, Buffer…), BigInt, cycles or very deep
 * nesting — so the caller falls back to JSON text and its exact behaviour and errors.
 *
 * The format (QuickJS 2025-09-13, BC_VERSION 5; checked against the VM's own encoder in
 * tests, and by a probe in the sandbox before first use, which falls back to JSON text if
 * the build ever changes):
 *   version byte, leb128 atom count, the atoms (property names) as strings, then the value.
 *   Values: 1 null, 3 false, 4 true, 5 int32 (zigzag leb128), 6 float64 (little endian),
 *   7 string, 8 object (leb128 count, then atom reference + value per property),
 *   9 array (leb128 length, then the items).
 *   Strings: leb128(length << 1 | wide), then Latin-1 bytes or UTF-16LE code units.
 *   Atom references: leb128((index + 1) << 1); canonical array-index keys ("0", "17") are
 *   QuickJS integer atoms, written as leb128(n << 1 | 1).
 */

export const BINARY_JSON_VERSION = 5;

const TAG_NULL = 1;
const TAG_FALSE = 3;
const TAG_TRUE = 4;
const TAG_INT32 = 5;
const TAG_FLOAT64 = 6;
const TAG_STRING = 7;
const TAG_OBJECT = 8;
const TAG_ARRAY = 9;

/** Deeper input goes through JSON text (which has its own, well-tested limits). */
const MAX_DEPTH = 200;
/** QuickJS's largest integer atom (JS_ATOM_MAX_INT). */
const MAX_INT_ATOM = 2 ** 31 - 1;
const NOT_LATIN1 = /[^\x00-\xff]/;
/** Strings up to this length are copied by a loop rather than Buffer#write. */
const SHORT_STRING = 64;
const INDEX_KEY = /^(?:0|[1-9][0-9]{0,9})$/;
const OBJECT_PROTOTYPE = Object.prototype;

/** Signals "not plain JSON data": unwinds to `encodeBinaryJson`, which returns undefined. */
const BAIL = Symbol('bail');

/** A growable byte buffer, reused across calls (encoding is synchronous). */
class Writer {
  buf = Buffer.allocUnsafe(16 * 1024);
  pos = 0;

  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  byte(b: number): void {
    this.ensure(1);
    this.buf[this.pos++] = b;
  }

  /** Unsigned LEB128 of 0 ≤ v < 2^32. */
  leb(v: number): void {
    this.ensure(5);
    const buf = this.buf;
    let pos = this.pos;
    while (v >= 0x80) {
      buf[pos++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    buf[pos++] = v;
    this.pos = pos;
  }

  string(s: string): void {
    const n = s.length;
    if (n > SHORT_STRING) {
      if (!NOT_LATIN1.test(s)) {
        this.leb(n * 2);
        this.ensure(n);
        this.pos += this.buf.write(s, this.pos, 'latin1');
      } else {
        this.wide(s);
      }
      return;
    }
    // Short strings (ids, dates, names: most of a scope) are cheaper copied here than
    // through Buffer#write; a character past Latin-1 rewinds to the wide form.
    const start = this.pos;
    this.ensure(n + 5);
    this.leb(n * 2);
    const buf = this.buf;
    let pos = this.pos;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c > 0xff) {
        this.pos = start;
        this.wide(s);
        return;
      }
      buf[pos++] = c;
    }
    this.pos = pos;
  }

  /** UTF-16 code units as they are, lone surrogates included (JSON keeps them too). */
  private wide(s: string): void {
    this.leb(s.length * 2 + 1);
    this.ensure(s.length * 2);
    this.pos += this.buf.write(s, this.pos, 'utf16le');
  }
}

const body = new Writer();
const header = new Writer();
const atoms = new Map<string, number>();

function writeKey(key: string): void {
  const first = key.charCodeAt(0);
  if (first >= 0x30 && first <= 0x39 && INDEX_KEY.test(key)) {
    const n = Number(key);
    if (n <= MAX_INT_ATOM) {
      body.leb(n * 2 + 1);
      return;
    }
  }
  let index = atoms.get(key);
  if (index === undefined) {
    index = atoms.size;
    atoms.set(key, index);
  }
  body.leb((index + 1) * 2);
}

/** What JSON.stringify leaves out of objects and writes as null in arrays. */
function skipped(value: unknown): boolean {
  const t = typeof value;
  return t === 'undefined' || t === 'function' || t === 'symbol';
}

/** Writes one value that `skipped` let through. */
function writeValue(value: unknown, depth: number): void {
  switch (typeof value) {
    case 'string':
      body.byte(TAG_STRING);
      body.string(value);
      return;
    case 'number':
      if ((value | 0) === value && !Object.is(value, -0)) {
        body.byte(TAG_INT32);
        body.leb(((value << 1) ^ (value >> 31)) >>> 0);
      } else if (Number.isFinite(value)) {
        body.ensure(9);
        body.buf[body.pos++] = TAG_FLOAT64;
        body.pos = body.buf.writeDoubleLE(Object.is(value, -0) ? 0 : value, body.pos);
      } else {
        body.byte(TAG_NULL);
      }
      return;
    case 'boolean':
      body.byte(value ? TAG_TRUE : TAG_FALSE);
      return;
    case 'object': {
      if (value === null) {
        body.byte(TAG_NULL);
        return;
      }
      if (depth >= MAX_DEPTH) throw BAIL;
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') throw BAIL;
      if (Array.isArray(value)) {
        const length = value.length;
        body.byte(TAG_ARRAY);
        body.leb(length);
        for (let i = 0; i < length; i++) {
          const item: unknown = value[i];
          if (skipped(item)) body.byte(TAG_NULL);
          else writeValue(item, depth + 1);
        }
        return;
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== OBJECT_PROTOTYPE && proto !== null) throw BAIL;
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record);
      body.byte(TAG_OBJECT);
      // The count is patched once skipped properties are known; it never grows, so the
      // reserved width suffices (QuickJS reads a padded LEB128 fine).
      const at = body.pos;
      body.leb(keys.length);
      const width = body.pos - at;
      let count = 0;
      for (const key of keys) {
        const item = record[key];
        if (skipped(item)) continue;
        writeKey(key);
        writeValue(item, depth + 1);
        count++;
      }
      if (count !== keys.length) patchLeb(at, width, count);
      return;
    }
    default:
      // bigint: JSON.stringify throws; let it, with its own message.
      throw BAIL;
  }
}

/** Rewrites a LEB128 in place at a fixed width (non-minimal when the value shrank). */
function patchLeb(at: number, width: number, value: number): void {
  const buf = body.buf;
  for (let i = 0; i < width - 1; i++) {
    buf[at + i] = (value & 0x7f) | 0x80;
    value >>>= 7;
  }
  buf[at + width - 1] = value;
}

/** Scratch buffers that grew past this are dropped after use rather than kept. */
const KEEP_BYTES = 1024 * 1024;

/**
 * The value in QuickJS's binary format, or `undefined` when it is not plain JSON data (the
 * caller then uses JSON text). Errors thrown by getters propagate, as from JSON.stringify.
 */
export function encodeBinaryJson(value: unknown): Uint8Array | undefined {
  body.pos = 0;
  atoms.clear();
  try {
    if (skipped(value)) body.byte(TAG_NULL);
    else writeValue(value, 0);
    header.pos = 0;
    header.byte(BINARY_JSON_VERSION);
    header.leb(atoms.size);
    for (const key of atoms.keys()) header.string(key);
    const out = new Uint8Array(header.pos + body.pos);
    out.set(header.buf.subarray(0, header.pos), 0);
    out.set(body.buf.subarray(0, body.pos), header.pos);
    return out;
  } catch (e) {
    if (e === BAIL) return undefined;
    throw e;
  } finally {
    atoms.clear();
    if (body.buf.length > KEEP_BYTES) body.buf = Buffer.allocUnsafe(16 * 1024);
    if (header.buf.length > KEEP_BYTES) header.buf = Buffer.allocUnsafe(16 * 1024);
  }
}
