import { describe, expect, it } from 'vitest';
import { withDescription } from './credential-declaration.js';

describe('credential declaration', () => {
  it('sets a trimmed description in the file order (kind, description, allowedOrigins) and drops an empty one', () => {
    const decl = { kind: 'oauth2' as const, allowedOrigins: ['https://api.mypurecloud.com'] };
    const described = withDescription(decl, '  Genesys Cloud OAuth client ');
    expect(described).toEqual({ ...decl, description: 'Genesys Cloud OAuth client' });
    expect(Object.keys(described)).toEqual(['kind', 'description', 'allowedOrigins']);
    expect(withDescription(described, '   ')).toEqual(decl);
    expect(withDescription({ kind: 'apiKey' }, 'Qualtrics API token')).toEqual({
      kind: 'apiKey',
      description: 'Qualtrics API token',
    });
  });
});
