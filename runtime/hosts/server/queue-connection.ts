/**
 * The `--queue redis://…` address of queue mode: checked before anything starts, shown without
 * its password, and tried once with a deadline so an unreachable Redis is a clear error at start
 * rather than ioredis retrying forever in the background.
 */
import { Redis, type RedisOptions } from 'ioredis';
import { message } from '../../../core/messages/make.js';
import type { Message } from '../../../core/messages/message.js';

/** A bad --queue URL or an unreachable Redis, as a catalogue message (the CLI words it). */
export class QueueConfigError extends Error {
  override readonly name = 'QueueConfigError';
  constructor(readonly detail: Message & { message: string }) {
    super(detail.message);
  }
}

export interface QueueAddress {
  /** The URL as given (with its password: only ever handed to ioredis). */
  url: string;
  /** The URL with any password replaced, for messages and logs. */
  shown: string;
  options: RedisOptions;
}

/** The URL without its password, for messages (it may be a bad URL, so this works on text). */
export function withoutPassword(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^@/]*)@/i, (_all, scheme: string, auth: string) => {
    const user = auth.includes(':') ? auth.slice(0, auth.indexOf(':')) : '';
    return `${scheme}${user ? `${user}:` : ''}***@`;
  });
}

export function parseQueueUrl(url: string): QueueAddress {
  const shown = withoutPassword(url);
  const bad = (reason: string) => new QueueConfigError(message('queue.bad-url', { url: shown, reason }));
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw bad('it is not a URL');
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw bad(`the scheme is '${parsed.protocol.replace(/:$/, '')}'; use redis:// (or rediss:// for TLS)`);
  }
  if (!parsed.hostname) throw bad('it names no host');
  const db = parsed.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d{1,2}$/.test(db)) throw bad(`the database '${db}' is not a number from 0 to 15`);
  if (parsed.search || parsed.hash) throw bad('options after ? or # are not read; leave them out');
  return {
    url,
    shown,
    options: {
      host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: parsed.port ? Number(parsed.port) : 6379,
      ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
      ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
      ...(db ? { db: Number(db) } : {}),
      ...(parsed.protocol === 'rediss:' ? { tls: { servername: parsed.hostname } } : {}),
    },
  };
}

/**
 * A connection for BullMQ: blocking commands and retries while Redis restarts
 * (`maxRetriesPerRequest: null`, which BullMQ's workers require).
 */
export function queueConnection(address: QueueAddress): Redis {
  return new Redis({ ...address.options, maxRetriesPerRequest: null, enableReadyCheck: true });
}

/** Throws QueueConfigError (`queue.unreachable`) unless Redis answers a PING within `ms`. */
export async function checkReachable(address: QueueAddress, ms = 5000): Promise<void> {
  const probe = new Redis({
    ...address.options,
    lazyConnect: true,
    connectTimeout: ms,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  // Errors surface through connect()/ping(); without a listener ioredis also prints them.
  probe.on('error', () => {});
  try {
    await Promise.race([
      probe.connect().then(() => probe.ping()),
      new Promise((_r, reject) => setTimeout(() => reject(new Error('no answer')), ms).unref()),
    ]);
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    throw new QueueConfigError(message('queue.unreachable', { url: address.shown, error: text, ms }));
  } finally {
    probe.disconnect();
  }
}
