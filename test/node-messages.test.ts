import { describe, expect, it } from 'vitest';
import { formatMessage } from '../core/messages/format.js';
import { codeMessages } from '../nodes/code/messages.js';
import { conditionMessages } from '../nodes/condition/messages.js';
import { NODE_MANIFESTS } from '../nodes/registry.js';
import { respondMessages } from '../nodes/respond-to-webhook/messages.js';
import { webServiceMessages } from '../nodes/web-service/messages.js';
import { webhookMessages } from '../nodes/webhook-trigger/messages.js';
import { validateNodes } from './support/validate-nodes.js';

describe("node types' own message catalogues", () => {
  it.each([
    ['webhookTrigger', webhookMessages],
    ['webService', webServiceMessages],
    ['condition', conditionMessages],
    ['code', codeMessages],
    ['respondToWebhook', respondMessages],
  ] as const)('%s words every code in English and Japanese', (_type, catalogues) => {
    expect(Object.keys(catalogues.ja).sort()).toEqual(Object.keys(catalogues.en).sort());
  });

  it('gives the Japanese UI its own words for the older nodes’ checks, not English', () => {
    const defaults = (type: string) => NODE_MANIFESTS.find((m) => m.type === type)!.defaults;
    const issues = validateNodes(NODE_MANIFESTS, [
      { id: 'c', type: 'condition', name: 'decide', config: { ...defaults('condition'), mode: 'rules', rules: [] } },
      { id: 'k', type: 'code', name: 'clean', config: { ...defaults('code'), source: '  ' } },
      { id: 'w', type: 'webService', name: 'lookup', config: { ...defaults('webService'), method: 'GET', url: '' } },
    ]).filter((i) => i.code !== undefined);
    const ja = issues.map((i) => formatMessage(i, 'ja'));
    expect(ja).toEqual(
      expect.arrayContaining([
        expect.stringContaining('ルールを 1 つ以上追加してください'),
        expect.stringContaining('コードが空です'),
        expect.stringContaining('URL を入力してください'),
      ]),
    );
    // The English stays as it was worded before the codes.
    expect(issues.map((i) => formatMessage(i, 'en'))).toEqual(
      expect.arrayContaining([
        expect.stringContaining('add at least one rule'),
        expect.stringContaining('URL is required'),
      ]),
    );
  });
});
