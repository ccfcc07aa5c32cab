/**
 * The origin a node's credential will be sent to, from its static URL (`url` of a Web
 * Service, `baseUrl` of a Ticket), suggested as the credential's `allowedOrigins` so the
 * runtime refuses to send it anywhere else. A URL whose host is a template gives no suggestion.
 */
export function staticOrigin(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  const text = url.trim();
  const templateAt = text.search(/\{\{|\$\{/);
  const head = templateAt >= 0 ? text.slice(0, templateAt) : text;
  const match = /^(https?:\/\/[^/?#]+)(?:[/?#]|$)/i.exec(head);
  if (!match || (templateAt >= 0 && head.length === match[1]!.length)) return undefined;
  try {
    return new URL(match[1]!).origin;
  } catch {
    return undefined;
  }
}

/** The origin suggestion for a node's config. */
export function suggestedOrigins(config: Record<string, unknown>): string[] | undefined {
  const origin = staticOrigin(config.url) ?? staticOrigin(config.baseUrl);
  return origin ? [origin] : undefined;
}
