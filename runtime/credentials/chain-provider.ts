/** Several credential sources in priority order: the first that has the credential wins. */
import type { Env } from './env-provider.js';
import { createEnvProvider } from './env-provider.js';
import { createFileProvider } from './encrypted-file.js';
import type { CredentialProvider } from './provider.js';

export function createChainProvider(providers: readonly CredentialProvider[]): CredentialProvider {
  return {
    async get(name) {
      for (const provider of providers) {
        const found = await provider.get(name);
        if (found) return found;
      }
      return undefined;
    },
  };
}

/**
 * What the CLI and server use: environment variables first (so an operator can override one
 * credential without re-encrypting), then `FLOWDESK_CREDENTIALS_FILE` when set.
 */
export function createDefaultProvider(env: Env = process.env): CredentialProvider {
  const providers: CredentialProvider[] = [createEnvProvider(env)];
  const file = env.FLOWDESK_CREDENTIALS_FILE;
  if (file) providers.push(createFileProvider(file, env.FLOWDESK_CREDENTIALS_KEY));
  return createChainProvider(providers);
}
