import { describe, expect, it } from 'vitest';
import { isSensitiveName, REDACTED, redactHeaders, Redactor } from './redactor.js';

describe('Redactor', () => {
  it('replaces every registered secret, longest first, in its plain, URL and JSON forms', () => {
    const r = new Redactor();
    r.add('abcd');
    r.add('abcdefgh');
    r.add('p@ss word/"x"');
    r.add('ab'); // too short to register
    expect(r.text('x abcdefgh y abcd z ab')).toBe('x [redacted] y [redacted] z ab');
    expect(r.text(`?pw=${encodeURIComponent('p@ss word/"x"')}`)).toBe('?pw=[redacted]');
    expect(r.text(new URLSearchParams({ pw: 'p@ss word/"x"' }).toString())).toBe('pw=[redacted]');
    expect(r.text(JSON.stringify({ pw: 'p@ss word/"x"' }))).toBe('{"pw":"[redacted]"}');
    expect(r.text('no secrets here')).toBe('no secrets here');
  });

  it('catches base64 and base64url forms, whole or inside a longer encoded string', () => {
    const secret = 's3cr3t+/token?~value';
    const r = new Redactor();
    r.add(secret);
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    expect(r.text(`Basic ${b64(secret)}`)).toBe(`Basic ${REDACTED}`);
    expect(r.text(`x=${Buffer.from(secret).toString('base64url')}`)).toBe(`x=${REDACTED}`);
    expect(r.text(b64(secret).replace(/=+$/, ''))).toBe(REDACTED);
    // A Code task's btoa("user:" + secret), at every alignment of the secret.
    for (const prefix of ['u:', 'us:', 'use:', 'user:']) {
      const encoded = b64(prefix + secret + '!');
      expect(r.text(encoded), prefix).toContain(REDACTED);
      expect(r.text(encoded).length, prefix).toBeLessThan(encoded.length);
    }
    expect(r.text(Buffer.from(secret).toString('hex'))).toBe(REDACTED);
    expect(r.text(Buffer.from(secret).toString('hex').toUpperCase())).toBe(REDACTED);
  });

  it('catches encodeURI / $encodeUrl forms, %xx in either case, and case changes', () => {
    const secret = 'pass word/with?query&x=y#z';
    const r = new Redactor();
    r.add(secret);
    expect(r.text(`https://h/${encodeURI(secret)}`)).toBe(`https://h/${REDACTED}`);
    expect(r.text(encodeURIComponent(secret).toLowerCase())).toBe(REDACTED);
    expect(r.text(`shout ${secret.toUpperCase()}`)).toBe(`shout ${REDACTED}`);
    expect(r.text(`whisper ${secret.toLowerCase()}`)).toBe(`whisper ${REDACTED}`);
  });

  it('leaves unrelated text alone', () => {
    const r = new Redactor();
    r.add('correct-horse-battery-staple');
    const text = 'The quick brown fox; aGVsbG8gd29ybGQ= is "hello world" in base64.';
    expect(r.text(text)).toBe(text);
  });

  it('treats regex characters in secrets literally', () => {
    const r = new Redactor();
    r.add('a.b*c(d)');
    expect(r.text('aXbbc(d) a.b*c(d)')).toBe('aXbbc(d) [redacted]');
  });

  it('deep-copies values, replacing secrets in strings and masking sensitive keys', () => {
    const r = new Redactor();
    r.add('tok-123456');
    const input = {
      url: 'https://x/?t=tok-123456',
      nested: [{ note: 'Bearer tok-123456' }, 42, null, true],
      headers: { Authorization: 'Basic Zm9vOmJhcg==', 'X-API-TOKEN': 'unregistered', Accept: 'application/json' },
      access_token: 'also-unregistered',
      token_type: 'bearer',
      client_secret: '',
    };
    const out = r.value(input);
    expect(out).toEqual({
      url: 'https://x/?t=[redacted]',
      nested: [{ note: 'Bearer [redacted]' }, 42, null, true],
      headers: { Authorization: REDACTED, 'X-API-TOKEN': REDACTED, Accept: 'application/json' },
      access_token: REDACTED,
      token_type: 'bearer',
      client_secret: '',
    });
    expect(out).not.toBe(input);
    expect(out.nested).not.toBe(input.nested);
    expect(input.url).toBe('https://x/?t=tok-123456');
  });

  it('redacts secrets used as object keys', () => {
    const r = new Redactor();
    r.add('tok-123456');
    expect(r.value({ sessions: { 'tok-123456': { user: 'u1' } } })).toEqual({
      sessions: { '[redacted]': { user: 'u1' } },
    });
  });

  it('still masks sensitive keys when nothing is registered', () => {
    const r = new Redactor();
    expect(r.value({ cookie: 'a=b', 'Set-Cookie': 'c=d', 'x-custom': 'keep' })).toEqual({
      cookie: REDACTED,
      'Set-Cookie': REDACTED,
      'x-custom': 'keep',
    });
    expect(r.text('abc')).toBe('abc');
  });
});

describe('redactHeaders / isSensitiveName', () => {
  it('masks authorization, cookies and api-key/token/secret/password style headers only', () => {
    expect(
      redactHeaders({
        Authorization: 'Bearer x',
        'Proxy-Authorization': 'Basic y',
        'X-Api-Key': 'k',
        'x-apikey': 'k',
        'X-Auth-Token': 't',
        'X-Client-Secret': 's',
        'X-Password': 'p',
        'Content-Type': 'application/json',
        'Idempotency-Key': 'run-1',
      }),
    ).toEqual({
      Authorization: REDACTED,
      'Proxy-Authorization': REDACTED,
      'X-Api-Key': REDACTED,
      'x-apikey': REDACTED,
      'X-Auth-Token': REDACTED,
      'X-Client-Secret': REDACTED,
      'X-Password': REDACTED,
      'Content-Type': 'application/json',
      'Idempotency-Key': 'run-1',
    });
    expect(isSensitiveName('tokenUrl')).toBe(false);
    expect(isSensitiveName('refresh_token')).toBe(true);
  });
});
