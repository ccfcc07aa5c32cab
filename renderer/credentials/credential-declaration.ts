/** Pure edits of a flow's credential declarations (`flow.credentials[name]`). */
import type { CredentialDeclaration } from '../../core/flow.js';

/** The declaration with `description` set (or dropped when empty), keys in the file's order. */
export function withDescription(decl: CredentialDeclaration, description: string): CredentialDeclaration {
  const text = description.trim();
  return {
    kind: decl.kind,
    ...(text ? { description: text } : {}),
    ...(decl.allowedOrigins ? { allowedOrigins: decl.allowedOrigins } : {}),
  };
}
