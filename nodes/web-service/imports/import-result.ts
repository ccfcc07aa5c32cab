/**
 * What an import (a Genesys data-action export, a cURL command) produces: one Web Service
 * node's config, the credential it needs, and notes saying plainly what was not converted.
 * The CLI writes it as a new flow (`flowFromImport`); the designer adds it to the open flow.
 */
import type { CredentialKind } from '../../../core/credentials.js';
import { isSecretHeaderName } from '../../../core/validate/secret-checks.js';
import type { Message } from '../../../core/messages/message.js';
import { webServiceManifest, type WebServiceConfig } from '../manifest.js';

/** A credential the imported node names; the flow declares it, the vault or environment holds it. */
export interface ImportedCredential {
  name: string;
  kind: CredentialKind;
  /** Origins it may be sent to: the imported URL's. */
  allowedOrigins: string[];
  /**
   * Secret values found in what was imported (a cURL `-u`, a literal Authorization header),
   * for the designer to store in its vault on the admin's say. Never written into a flow, a
   * note, a log or the CLI's output; empty when only the name is known.
   */
  values: Record<string, string>;
}

export interface WebServiceImport {
  source: 'genesys-data-action' | 'curl';
  /** The name of what was imported (the action's name, the URL's host and path). */
  title: string;
  /** A node name to start from (`getUsersMe`); made unique and identifier-shaped where it is placed. */
  nodeName?: string;
  config: WebServiceConfig;
  credential?: ImportedCredential;
  /** The data action's input contract: what the imported flow's trigger expects. */
  inputSchema?: Record<string, unknown>;
  /** What was converted differently or not at all, and what to do before running. */
  notes: Message[];
}

export type ImportOutcome = { ok: true; result: WebServiceImport } | { ok: false; error: Message };

/** A Web Service config with the manifest's defaults under what the import gives. */
export function webServiceConfig(parts: Partial<WebServiceConfig>): WebServiceConfig {
  const defaults = JSON.parse(JSON.stringify(webServiceManifest.defaults)) as WebServiceConfig;
  return { ...defaults, ...parts };
}

/** A credential name (letters, digits, `-`, `_`, starting with a letter) from a host or a title. */
export function credentialNameFrom(text: string): string {
  const name = text
    .toLowerCase()
    .replace(/^www\./, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return /^[a-z]/.test(name) ? name : `cred-${name}`.replace(/-+$/, '');
}

export { isSecretHeaderName };

/** The auth settings and credential kind a secret header maps to, with the values to store. */
export function credentialFromHeader(
  headerName: string,
  value: string,
): { auth: WebServiceConfig['auth']; kind: CredentialKind; values: Record<string, string> } {
  if (headerName.toLowerCase() === 'authorization') {
    const bearer = /^bearer\s+(.+)$/i.exec(value.trim());
    if (bearer) return { auth: { type: 'bearer' }, kind: 'bearer', values: { token: bearer[1]! } };
    const basic = /^basic\s+([A-Za-z0-9+/=]+)$/i.exec(value.trim());
    const decoded = basic ? decodeBase64(basic[1]!) : undefined;
    const colon = decoded?.indexOf(':') ?? -1;
    if (decoded !== undefined && colon > 0) {
      const user = decoded.slice(0, colon);
      const password = decoded.slice(colon + 1);
      // Zendesk API tokens are Basic "{email}/token:{api_token}"; its own kind keeps that readable.
      if (user.endsWith('/token')) {
        return {
          auth: { type: 'basic' },
          kind: 'zendeskApiToken',
          values: { email: user.slice(0, -6), token: password },
        };
      }
      return { auth: { type: 'basic' }, kind: 'basic', values: { username: user, password } };
    }
  }
  return { auth: { type: 'apiKey', headerName }, kind: 'apiKey', values: { value } };
}

/** base64 to text without Node's Buffer (this module also runs in the renderer). */
function decodeBase64(text: string): string | undefined {
  try {
    const binary = atob(text);
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
}
