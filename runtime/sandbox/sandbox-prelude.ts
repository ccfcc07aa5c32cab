/**
 * JavaScript evaluated inside each QuickJS context before any user code. Called with
 * `lockdown`, it installs a `console` that records into a per-run buffer, freezes every
 * reachable intrinsic and the global object (when `lockdown` is true), and returns
 * `bind(userFn)` which builds the per-run entry point.
 *
 * Why freezing: a context is reused across runs for speed (compiling the user's function
 * once), so nothing a run does may survive into the next one. With every intrinsic and the
 * global object frozen, and user code compiled as a strict function body, a run can only
 * create objects reachable from its own locals, which die with the run.
 *
 * Kept as a string (not a function's `toString()`) so bundlers and coverage tools cannot
 * rewrite it.
 */
export const PRELUDE_FILENAME = 'flowdesk-sandbox.js';

/** Filename given to user code so error positions can be told apart from the prelude's. */
export const USER_FILENAME = 'code.js';

export const SANDBOX_PRELUDE = String.raw`
(function (lockdown) {
  'use strict';
  var MAX_LOG_LINES = 100;
  var MAX_LOG_CHARS = 2000;
  var parse = JSON.parse;
  var stringify = JSON.stringify;
  var now = Date.now;
  var toStr = String;
  var freeze = Object.freeze;
  var getProto = Object.getPrototypeOf;
  var ownKeys = Reflect.ownKeys;
  var getDesc = Object.getOwnPropertyDescriptor;
  var defineProp = Object.defineProperty;

  // Per-run state, reachable only from these closures (never from user code).
  var logs = [];
  var dropped = 0;
  var started = 0;
  var settled = null;

  function describeValue(v) {
    if (typeof v === 'string') return v;
    if (v instanceof Error) return v.name + ': ' + v.message;
    if (typeof v === 'function') return '[function]';
    try {
      var s = stringify(v);
      return s === undefined ? toStr(v) : s;
    } catch (e) {
      return toStr(v);
    }
  }

  function record(level, args) {
    if (logs.length >= MAX_LOG_LINES) { dropped++; return; }
    var parts = [];
    for (var i = 0; i < args.length; i++) parts.push(describeValue(args[i]));
    var message = parts.join(' ');
    if (message.length > MAX_LOG_CHARS) message = message.slice(0, MAX_LOG_CHARS) + '… (truncated)';
    logs.push({ level: level, message: message, at: now() - started });
  }

  function takeLogs() {
    var out = logs;
    if (dropped > 0) out.push({ level: 'warn', message: dropped + ' more log line(s) were dropped (limit ' + MAX_LOG_LINES + ')', at: now() - started });
    logs = [];
    dropped = 0;
    return out;
  }

  var consoleObject = {
    log: function log() { record('info', arguments); },
    info: function info() { record('info', arguments); },
    debug: function debug() { record('debug', arguments); },
    warn: function warn() { record('warn', arguments); },
    error: function error() { record('error', arguments); },
  };
  defineProp(globalThis, 'console', { value: consoleObject, writable: false, enumerable: false, configurable: false });

  // QuickJS reports a real stack overflow as an InternalError. With the constructor out of
  // reach, code cannot build one: an error that is an instance of it was thrown by the engine
  // (or is one the code caught from the engine), so "stack overflow" cannot be faked.
  var EngineInternalError = typeof InternalError === 'function' ? InternalError : null;
  delete globalThis.InternalError;
  function isEngineOverflow(e) {
    return EngineInternalError !== null && e instanceof EngineInternalError && e.message === 'stack overflow';
  }

  // A context used for one run only (lockdown false) is isolated by being thrown away.
  if (lockdown) {
  // FinalizationRegistry callbacks and WeakRef targets could carry one run's data into a
  // later run's job queue; data transforms have no use for them.
  delete globalThis.FinalizationRegistry;
  delete globalThis.WeakRef;

  // Freezing makes assignments like err.name = 'X' or obj.toString = fn fail, because the
  // inherited property is read-only ("override mistake"). For the few properties code
  // commonly shadows, swap the data property for an accessor whose setter defines an own
  // property on the receiver instead (the approach SES takes).
  function tame(obj, key) {
    var d = getDesc(obj, key);
    if (!d || !('value' in d) || !d.configurable) return;
    var value = d.value;
    defineProp(obj, key, {
      configurable: false,
      enumerable: d.enumerable,
      get: function () { return value; },
      set: function (v) {
        if (this === obj) throw new TypeError("Cannot assign to read only property '" + toStr(key) + "' of a built-in object");
        defineProp(this, key, { value: v, writable: true, enumerable: true, configurable: true });
      },
    });
  }
  var objectKeys = ['constructor', 'toString', 'valueOf', 'toLocaleString', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable'];
  for (var i = 0; i < objectKeys.length; i++) tame(Object.prototype, objectKeys[i]);
  var errors = [Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError, AggregateError];
  if (EngineInternalError !== null) errors.push(EngineInternalError);
  for (var j = 0; j < errors.length; j++) {
    tame(errors[j].prototype, 'name');
    tame(errors[j].prototype, 'message');
    tame(errors[j].prototype, 'constructor');
    tame(errors[j].prototype, 'toString');
  }

  // Intrinsics reachable only through syntax, not through a global name.
  var roots = [
    globalThis,
    getProto(function* () {}),
    getProto(async function () {}),
    getProto(async function* () {}),
    getProto((function* () {})()),
    getProto((async function* () {})()),
    getProto([][Symbol.iterator]()),
    getProto(''[Symbol.iterator]()),
    getProto(new Map()[Symbol.iterator]()),
    getProto(new Set()[Symbol.iterator]()),
    getProto(/a/[Symbol.matchAll]('')),
    getProto(Uint8Array),
    EngineInternalError,
    (function () { return arguments; })(),
  ];
  var seen = new Set();
  while (roots.length > 0) {
    var o = roots.pop();
    if (o === null || (typeof o !== 'object' && typeof o !== 'function') || seen.has(o)) continue;
    seen.add(o);
    freeze(o);
    roots.push(getProto(o));
    var keys = ownKeys(o);
    for (var k = 0; k < keys.length; k++) {
      var desc = getDesc(o, keys[k]);
      if (!desc) continue;
      if ('value' in desc) roots.push(desc.value);
      else { roots.push(desc.get); roots.push(desc.set); }
    }
  }
  seen = null;
  }

  function lineOf(e) {
    var stack = e && typeof e.stack === 'string' ? e.stack : '';
    var m = /code\.js:(\d+)/.exec(stack);
    return m ? +m[1] : 0;
  }

  function describeError(e) {
    if (e instanceof Error) {
      var text = (e.name || 'Error') + ': ' + e.message;
      var line = lineOf(e);
      return { message: text, line: line, name: toStr(e.name), raw: toStr(e.message), overflow: isEngineOverflow(e) };
    }
    var s;
    try { s = typeof e === 'string' ? e : stringify(e); } catch (x) { s = undefined; }
    return { message: 'Code threw: ' + (s === undefined ? toStr(e) : s), line: 0, name: '', raw: '' };
  }

  function NotJson(key, kind) { this.key = key; this.kind = kind; }
  function replacer(key, value) {
    var t = typeof value;
    if (t === 'function' || t === 'symbol' || t === 'bigint') throw new NotJson(key, t);
    return value;
  }

  function failure(e) {
    var d;
    if (e instanceof NotJson) {
      d = { message: 'The returned value is not JSON: ' + (e.key === '' ? 'it is a ' + e.kind : 'property "' + e.key + '" is a ' + e.kind) + '. Return plain data (objects, arrays, strings, numbers, booleans, null).', line: 0, name: 'NotJson', raw: '' };
    } else {
      d = describeError(e);
    }
    return stringify({ ok: false, error: d, logs: takeLogs() });
  }

  function finish(value) {
    var out;
    try {
      out = stringify(value === undefined ? null : value, replacer);
    } catch (e) {
      return failure(e);
    }
    return '{"ok":true,"value":' + out + ',"logs":' + stringify(takeLogs()) + '}';
  }

  return function bind(userFn) {
    return {
      // Takes the scope as a value (decoded by the host from binary) or, when isText, as
      // JSON text. Returns the result as a JSON string, or '' when the code returned a
      // promise: the host then drains the job queue and calls collect().
      run: function run(input, isText) {
        logs = [];
        dropped = 0;
        settled = null;
        started = now();
        var value;
        try {
          var scope = isText ? parse(input) : input;
          if (scope === null || typeof scope !== 'object') scope = {};
          // item and index are set inside an Apply to each body (undefined elsewhere).
          value = userFn(scope.trigger, scope.steps, scope.vars, scope, scope.params || {}, scope.item, scope.index);
        } catch (e) {
          return failure(e);
        }
        if (value !== null && typeof value === 'object' && typeof value.then === 'function') {
          try {
            value.then(function (v) { settled = finish(v); }, function (e) { settled = failure(e); });
          } catch (e) {
            return failure(e);
          }
          return '';
        }
        return finish(value);
      },
      collect: function collect() {
        var s = settled;
        settled = null;
        if (s === null) {
          return stringify({ ok: false, error: { message: 'The code returned a Promise that never settled. Code tasks cannot wait for timers or network calls; only promises that settle on their own are supported.', line: 0, name: 'Pending', raw: '' }, logs: takeLogs() });
        }
        return s;
      },
    };
  };
})
`;
