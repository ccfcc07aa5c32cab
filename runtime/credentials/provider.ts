/** Where credential values come from at run time: environment, encrypted file, the app's vault. */
import type { CredentialKind, RateLimit } from '../../core/credentials.js';

export interface StoredCredential {
  /** The kind the store recorded, when it records one (the encrypted file does). */
  kind?: CredentialKind;
  fields: Record<string, string>;
  allowedOrigins?: string[];
  rateLimit?: RateLimit;
}

export interface CredentialProvider {
  /** Undefined when this provider has no credential by that name. */
  get(name: string): Promise<StoredCredential | undefined>;
}
