// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { staticOrigin, suggestedOrigins } from './credential-origin.js';

describe('staticOrigin', () => {
  it('takes the origin of a URL whose host is written out', () => {
    expect(staticOrigin('https://api.mypurecloud.com/api/v2/users/{{ steps.clean.agentId }}')).toBe(
      'https://api.mypurecloud.com',
    );
    expect(staticOrigin('https://iad1.qualtrics.com/API/v3/responses/${rm://Field/ResponseID}')).toBe(
      'https://iad1.qualtrics.com',
    );
    expect(staticOrigin('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
  });

  it('gives nothing when the host itself is templated or the text is no URL', () => {
    expect(staticOrigin('https://{{ vars.dc }}.qualtrics.com/API')).toBeUndefined();
    expect(staticOrigin('https://acme{{ vars.x }}/')).toBeUndefined();
    expect(staticOrigin('{{ vars.url }}')).toBeUndefined();
    expect(staticOrigin('ftp://x')).toBeUndefined();
    expect(staticOrigin(undefined)).toBeUndefined();
  });

  it('reads a ticket node baseUrl too', () => {
    expect(suggestedOrigins({ baseUrl: 'https://acme.zendesk.com' })).toEqual(['https://acme.zendesk.com']);
    expect(suggestedOrigins({})).toBeUndefined();
  });
});
