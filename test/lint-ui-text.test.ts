/** The local lint rule that keeps literal words out of the renderer's JSX. */
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, it } from 'vitest';
import rule from '../scripts/eslint/no-literal-ui-text.js';

describe('flowdesk/no-literal-ui-text', () => {
  it('flags words in JSX text and read attributes, not symbols or code-like examples', () => {
    const tester = new RuleTester({
      languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } },
    });
    tester.run('no-literal-ui-text', rule, {
      valid: [
        { code: 'const a = <b>{t("toolbar.save")}</b>;' },
        { code: 'const a = <span>→ · ✓ 12</span>;' },
        { code: 'const a = <input placeholder="genesys-prod" title="https://api.example.com" />;' },
        { code: 'const a = <kbd>Ctrl+Shift+S</kbd>;' },
        { code: 'const a = <div className="fd-panel fd-wide" data-testid="tb-run" />;' },
      ],
      invalid: [
        { code: 'const a = <button>Save</button>;', errors: [{ messageId: 'literal' }] },
        { code: 'const a = <p>No problems found</p>;', errors: [{ messageId: 'literal' }] },
        { code: 'const a = <button aria-label="Zoom in" />;', errors: [{ messageId: 'literal' }] },
        { code: 'const a = <span title="保存">x</span>;', errors: [{ messageId: 'literal' }] },
      ],
    });
  });
});
