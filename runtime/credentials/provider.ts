/** Where credential values come from at run time: environment, encrypted file, the app's vault. */
export interface StoredCredential {
  fields: Record<string, string>;
  allowedOrigins?: string[];
}

export interface CredentialProvider {
  /** Undefined when this provider has no credential by that name. */
  get(name: string): Promise<StoredCredential | undefined>;
}
