/**
 * A `Transport` that answers from a test case's recorded responses instead of the network.
 * The HTTP client above it is the real one (auth, retries, Retry-After, tracing), so a test
 * exercises the same logic as a live run; only the wire is replaced.
 */
import type { RecordedResponse } from '../../core/flow.js';
import { resolveInsideDir } from '../files/confined-path.js';
import { InputFileError, readInputFile } from '../files/read-input-file.js';
import { TransportError, type Transport, type TransportRequest, type TransportResponse } from './transport.js';

/** The fake token handed to OAuth token requests in recorded runs. */
export const RECORDED_ACCESS_TOKEN = 'recorded-access-token';

export interface RecordedTransport extends Transport {
  /**
   * Virtual sleep for the run's retry backoff: records the delay and returns at once, so a
   * recorded 429 with `Retry-After: 30` does not make a test wait 30 s.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Delays the run asked to sleep, in order. */
  readonly delays: number[];
}

export interface RecordedTransportOptions {
  /**
   * Cache of `bodyFile` contents by absolute path. Share one across the cases of a flow so a
   * payload file is read once, not once per case.
   */
  fileCache?: Map<string, Promise<string>>;
}

/**
 * @param responses Recorded responses by node name, consumed in order; the last one repeats.
 * @param baseDir Directory `bodyFile` paths are relative to (the flow file's directory).
 */
export function createRecordedTransport(
  responses: Readonly<Record<string, readonly RecordedResponse[]>>,
  baseDir: string,
  options: RecordedTransportOptions = {},
): RecordedTransport {
  const fileCache = options.fileCache ?? new Map<string, Promise<string>>();
  const served = new Map<string, number>();
  const delays: number[] = [];

  /** `bodyFile` resolves inside `baseDir` only (no absolute paths, `..` out or links out). */
  async function readBodyFile(path: string): Promise<string> {
    let abs: string;
    try {
      abs = await resolveInsideDir(baseDir, path, 'recorded response file');
    } catch (err) {
      throw new TransportError('network', (err as Error).message);
    }
    let text = fileCache.get(abs);
    if (!text) {
      text = readInputFile(abs, { what: 'recorded response file', shownAs: `recorded response file '${path}'` }).catch(
        (err: unknown) => {
          fileCache.delete(abs);
          if (err instanceof InputFileError && err.problem === 'not-found') {
            throw new TransportError('network', `recorded response file '${path}' not found (looked in ${abs})`);
          }
          throw new TransportError('network', (err as Error).message);
        },
      );
      fileCache.set(abs, text);
    }
    return text;
  }

  async function send(request: TransportRequest): Promise<TransportResponse> {
    if (request.signal.aborted) throw new TransportError('cancelled', 'the request was cancelled');
    if (request.purpose === 'token') {
      // OAuth token requests are plumbing, not something a test case should have to record.
      // A JWT bearer exchange (Salesforce) also names the org's address: the login origin here.
      const jwt = typeof request.body === 'string' && request.body.includes('grant-type%3Ajwt-bearer');
      return {
        status: 200,
        headers: { 'content-type': 'application/json' },
        bodyText: JSON.stringify({
          access_token: RECORDED_ACCESS_TOKEN,
          token_type: 'Bearer',
          expires_in: 3600,
          ...(jwt ? { instance_url: originOf(request.url) } : {}),
        }),
      };
    }
    const list = responses[request.nodeName];
    if (!list || list.length === 0) {
      throw new TransportError(
        'network',
        `no recorded response for node '${request.nodeName}' — add one to the test case or run with --live`,
      );
    }
    const index = served.get(request.nodeName) ?? 0;
    served.set(request.nodeName, index + 1);
    const recorded = list[Math.min(index, list.length - 1)]!;

    if (recorded.simulate === 'timeout') {
      throw new TransportError('timeout', `no response within ${request.timeoutMs} ms (simulated timeout)`);
    }
    if (recorded.simulate === 'networkError') {
      throw new TransportError('network', `connection to ${originOf(request.url)} failed (simulated network error)`);
    }

    const headers: Record<string, string> = {};
    if (recorded.headers) {
      for (const [name, value] of Object.entries(recorded.headers)) headers[name.toLowerCase()] = String(value);
    }
    let bodyText: string;
    if (recorded.bodyBase64 !== undefined) {
      // A binary body (a recording, an attachment), written in the test case as base64.
      const bytes = Buffer.from(recorded.bodyBase64, 'base64');
      headers['content-type'] ??= 'application/octet-stream';
      if (bytes.length > request.maxResponseBytes) {
        throw new TransportError(
          'tooLarge',
          `the response is larger than the limit of ${request.maxResponseBytes} bytes`,
        );
      }
      if (request.responseAs === 'bytes')
        return { status: recorded.status ?? 200, headers, bodyText: '', bodyBytes: bytes };
      bodyText = bytes.toString('utf8');
    } else if (recorded.bodyFile !== undefined) {
      bodyText = await readBodyFile(recorded.bodyFile);
      if (!headers['content-type'] && /\.json$/i.test(recorded.bodyFile)) headers['content-type'] = 'application/json';
    } else if (recorded.body === undefined) {
      bodyText = '';
    } else if (typeof recorded.body === 'string') {
      bodyText = recorded.body;
      headers['content-type'] ??= 'text/plain; charset=utf-8';
    } else {
      bodyText = JSON.stringify(recorded.body);
      headers['content-type'] ??= 'application/json';
    }
    if (Buffer.byteLength(bodyText) > request.maxResponseBytes) {
      throw new TransportError(
        'tooLarge',
        `the response is larger than the limit of ${request.maxResponseBytes} bytes`,
      );
    }
    if (request.responseAs === 'bytes') {
      return { status: recorded.status ?? 200, headers, bodyText: '', bodyBytes: Buffer.from(bodyText, 'utf8') };
    }
    return { status: recorded.status ?? 200, headers, bodyText };
  }

  return {
    send,
    delays,
    sleep(ms: number, signal?: AbortSignal): Promise<void> {
      delays.push(ms);
      if (signal?.aborted) return Promise.reject(signal.reason ?? new Error('aborted'));
      return Promise.resolve();
    },
  };
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}
