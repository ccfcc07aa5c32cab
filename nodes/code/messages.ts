/**
 * The Code node's own message codes (its semantic checks), in English and Japanese. The
 * manifest adds them to the catalogues (`addMessages`); the validator prefixes the node's name.
 */
export const codeMessages = {
  en: {
    'code.empty': () => 'the code is empty; write a function body that returns a value',
    'code.too-large': (p: { kb: number; limitKb: number }) =>
      `the code is ${p.kb} KB; the limit is ${p.limitKb} KB. Move large data into a Web Service call or a variable`,
  },
  ja: {
    'code.empty': () => 'コードが空です。値を return する関数の本体を書いてください',
    'code.too-large': (p: { kb: number; limitKb: number }) =>
      `コードが ${p.kb} KB あります。上限は ${p.limitKb} KB です。大きなデータは Web Service の呼び出しか変数に移してください`,
  },
} as const;
