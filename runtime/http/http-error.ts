/** The error `HttpClient.send` rejects with: an `Error` carrying the contract's `HttpFailure`. */
import type { HttpFailure } from '../../core/node-type.js';

export class HttpError extends Error {
  readonly failure: HttpFailure;

  constructor(failure: HttpFailure) {
    super(failure.message);
    this.name = 'HttpError';
    this.failure = failure;
  }
}
