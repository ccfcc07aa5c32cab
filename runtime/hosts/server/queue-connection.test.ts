import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../../core/messages/format.js';
import { checkReachable, parseQueueUrl, QueueConfigError, withoutPassword } from './queue-connection.js';

function refused(url: string): QueueConfigError {
  try {
    parseQueueUrl(url);
  } catch (error) {
    if (error instanceof QueueConfigError) return error;
    throw error;
  }
  throw new Error(`${url} was accepted`);
}

describe('--queue addresses', () => {
  it('reads host, port, user, password, database and TLS from a Redis URL', () => {
    expect(parseQueueUrl('redis://127.0.0.1:6390').options).toEqual({ host: '127.0.0.1', port: 6390 });
    expect(parseQueueUrl('rediss://flows:s%40cret@redis.example.com/2').options).toEqual({
      host: 'redis.example.com',
      port: 6379,
      username: 'flows',
      password: 's@cret',
      db: 2,
      tls: { servername: 'redis.example.com' },
    });
  });

  it('refuses what is not a Redis URL with a catalogue message that never shows the password', () => {
    const cases: [string, string][] = [
      ['localhost:6379', 'the scheme is'],
      ['http://127.0.0.1:6379', "the scheme is 'http'"],
      ['redis://:hunter22@127.0.0.1/x', "the database 'x' is not a number"],
      ['redis://127.0.0.1?db=2', 'options after ? or #'],
      ['not a url', 'it is not a URL'],
    ];
    for (const [url, reason] of cases) {
      const error = refused(url);
      expect(error.detail.code).toBe('queue.bad-url');
      expect(error.message).toContain('--queue must be a Redis URL');
      expect(error.message).toContain(reason);
      expect(error.message).not.toContain('hunter22');
    }
    expect(formatMessage(refused('http://x').detail, 'ja')).toContain('--queue には');
    expect(withoutPassword('redis://app:hunter22@h:1/0')).toBe('redis://app:***@h:1/0');
  });

  it('says clearly when Redis cannot be reached, within the deadline', async () => {
    // A port that accepts connections and never answers, and one that refuses them.
    const silent = createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const silentPort = (silent.address() as { port: number }).port;
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const closedPort = (closed.address() as { port: number }).port;
    await new Promise<void>((r) => closed.close(() => r()));
    for (const url of [`redis://u:hunter22@127.0.0.1:${closedPort}`, `redis://127.0.0.1:${silentPort}`]) {
      const error = await checkReachable(parseQueueUrl(url), 500).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(QueueConfigError);
      expect((error as QueueConfigError).detail.code).toBe('queue.unreachable');
      expect((error as QueueConfigError).message).toMatch(/^Redis at redis:\/\/.*127\.0\.0\.1:\d+ cannot be reached/);
      expect((error as QueueConfigError).message).not.toContain('hunter22');
    }
    silent.close();
  });
});
