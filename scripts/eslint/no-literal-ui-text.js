/**
 * A local ESLint rule for the renderer: words a person reads come from the catalogues
 * (renderer/i18n), never from literal text in JSX. Flags JSX text and the `title`,
 * `aria-label`, `placeholder` and `alt` attributes when they hold a word (two Latin letters
 * or any Japanese). Symbols, numbers and punctuation (`→`, `·`, `✓`) are fine, and so are
 * code-like examples with no space (`genesys-prod`, `https://…`, `Ctrl+Shift+S`): they read
 * the same in every language.
 */
const WORDS = /[A-Za-z]{2}|[\u3040-\u30ff\u4e00-\u9fff]/;
const CODE_LIKE = /^[^\s]*[:/+\-_.@$={}][^\s]*$/;
const isWords = (text) => WORDS.test(text) && !CODE_LIKE.test(text.trim());
const READ_ATTRIBUTES = new Set(['title', 'aria-label', 'placeholder', 'alt']);

export default {
  meta: {
    type: 'problem',
    docs: { description: 'UI text comes from the i18n catalogues, not literals in JSX' },
    messages: { literal: 'Literal UI text "{{text}}": put it in renderer/i18n and use t().' },
    schema: [],
  },
  create(context) {
    const report = (node, text) =>
      context.report({ node, messageId: 'literal', data: { text: text.trim().slice(0, 40) } });
    return {
      JSXText(node) {
        if (isWords(node.value)) report(node, node.value);
      },
      JSXAttribute(node) {
        const name = typeof node.name.name === 'string' ? node.name.name : '';
        if (!READ_ATTRIBUTES.has(name) || !node.value) return;
        if (node.value.type === 'Literal' && typeof node.value.value === 'string' && isWords(node.value.value))
          report(node.value, node.value.value);
      },
    };
  },
};
