import { describe, expect, it } from 'vitest';
import { formatMessage, formatTimesWith } from './format.js';
import { message } from './make.js';
import { runErrorMessage } from './run-error.js';

const WAKE = '2026-12-07T19:55:12.000Z';

describe('runErrorMessage: a run error worded from its code and params', () => {
  it('words a run cancelled while it waited from its detail, the wake time by the host', () => {
    const why = message('run.cancelled-waiting', { wakeAt: WAKE });
    // As the server stores it: the status as code, the reason as detail.
    const error = { message: why.message, code: 'cancelled', params: { detail: why } };
    expect(formatMessage(runErrorMessage(error), 'en')).toBe(`the run was cancelled while it waited until ${WAKE}`);
    expect(formatMessage(runErrorMessage(error), 'ja')).toBe(`待機中（${WAKE} に再開予定）に実行が取り消されました`);

    formatTimesWith((lang, iso) => `${lang}:${iso.slice(0, 10)}`);
    try {
      expect(formatMessage(runErrorMessage(error), 'ja')).toBe(
        '待機中（ja:2026-12-07 に再開予定）に実行が取り消されました',
      );
      // Not a time: shown as it came.
      expect(formatMessage(message('run.cancelled-waiting', { wakeAt: 'soon' }), 'en')).toContain('until soon');
    } finally {
      formatTimesWith((_lang, iso) => iso);
    }
  });

  it('words a failed node with its name, even when its own error code is a catalogue code', () => {
    const failed = message('run.node-failed', {
      node: { index: 1, name: 'lookUp', title: 'Web Service', type: 'webService' },
      detail: message('text', { text: 'HTTP 500' }),
      errorPort: 'unwired',
    });
    // The engine puts the node's error code (here one the catalogue also knows) beside these params.
    const error = { message: failed.message, code: 'text', params: failed.params };
    expect(formatMessage(runErrorMessage(error), 'en')).toBe(
      "Web Service 'lookUp' failed: HTTP 500 (its error port is not connected)",
    );
    expect(formatMessage(runErrorMessage(error), 'ja')).toContain(
      'が失敗しました: HTTP 500 (エラーポートが接続されていません)',
    );
  });

  it('keeps the producer’s English when it has no params or an unknown code without detail', () => {
    expect(formatMessage(runErrorMessage({ message: 'worker died' }), 'ja')).toBe('worker died');
    expect(formatMessage(runErrorMessage({ message: 'boom', code: 'internal' }), 'ja')).toBe('boom');
  });
});
