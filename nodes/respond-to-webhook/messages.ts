/**
 * Respond to webhook's own message codes (its semantic checks), in English and Japanese. The
 * manifest adds them to the catalogues (`addMessages`); the validator prefixes the node's name.
 */
export const respondMessages = {
  en: {
    'respond.reserved-header': (p: { header: string }) => `${p.header} is set by the server; leave it out`,
  },
  ja: {
    'respond.reserved-header': (p: { header: string }) => `${p.header} はサーバーが設定します。指定しないでください`,
  },
} as const;
