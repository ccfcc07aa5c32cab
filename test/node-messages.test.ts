import { describe, expect, it } from 'vitest';
import { webServiceMessages } from '../nodes/web-service/messages.js';
import { webhookMessages } from '../nodes/webhook-trigger/messages.js';

describe("node types' own message catalogues", () => {
  it.each([
    ['webhookTrigger', webhookMessages],
    ['webService', webServiceMessages],
  ] as const)('%s words every code in English and Japanese', (_type, catalogues) => {
    expect(Object.keys(catalogues.ja).sort()).toEqual(Object.keys(catalogues.en).sort());
  });
});
