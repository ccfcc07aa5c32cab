import { describe, expect, it } from 'vitest';
import { issueLines, validateNodes } from '../../test/support/validate-nodes.js';
import { webServiceManifest } from './manifest.js';

describe('webService through the flow validator', () => {
  it('names the node and the field in words an admin understands', () => {
    const issues = validateNodes(
      [webServiceManifest],
      [
        {
          id: 'w',
          type: 'webService',
          name: 'getDetails',
          config: {
            ...webServiceManifest.defaults,
            url: '',
            body: { type: 'json', json: {} },
            auth: { type: 'oauth2' },
            mapping: [
              { path: '$.a[', field: 'x' },
              { path: 'b', field: 'x' },
            ],
          },
        },
        {
          id: 'q',
          type: 'webService',
          name: 'putResponse',
          config: {
            ...webServiceManifest.defaults,
            method: 'PUT',
            url: 'https://iad1.qualtrics.com/API/v3/responses/{{ trigger.body.ResponseID }}',
            auth: { type: 'apiKey', headerName: 'X API TOKEN' },
            mapping: [{ path: '$.meta.httpStatus', field: 'http status' }],
          },
          credentials: { auth: 'genesys' },
        },
      ],
      { genesys: 'oauth2' },
    );
    expect(issueLines(issues)).toEqual([
      "/nodes/1/config/url | Web Service 'getDetails': URL is required",
      "/nodes/1/config/body/type | Web Service 'getDetails': a GET request cannot send a body; choose PUT, POST or PATCH, or set the body type to none",
      `/nodes/1/config/mapping/0/path | Web Service 'getDetails': JSONPath "$.a[" is not valid: "[" is not closed with "]" at character 4 of "$.a["`,
      `/nodes/1/config/mapping/1/field | Web Service 'getDetails': field name "x" is used twice in the response mapping (rows 1 and 2)`,
      "/nodes/2/config/auth/headerName | Web Service 'putResponse': Authentication › API key header must be a header name without spaces, e.g. X-API-TOKEN",
      "/nodes/2/config/mapping/0/field | Web Service 'putResponse': Response mapping › item 1 › Field name must start with a letter or _ and hold only letters, digits and _ (it is used as vars.<field>)",
      "/nodes/1/credentials/auth | Web Service 'getDetails': Credential needs an OAuth 2.0 credential; pick one in the Credentials section",
    ]);
  });

  it('refuses mapped field names that are not plain object keys (issue 12, item 12)', () => {
    for (const field of ['__proto__', 'constructor', 'prototype']) {
      const issues = validateNodes(
        [webServiceManifest],
        [
          {
            id: 'w',
            type: 'webService',
            name: 'getDetails',
            config: {
              ...webServiceManifest.defaults,
              url: 'https://api.example.com/x',
              mapping: [{ path: 'a', field }],
            },
          },
        ],
      );
      expect(issueLines(issues)).toContain(
        `/nodes/1/config/mapping/0/field | Web Service 'getDetails': Response mapping › item 1 › Field name "${field}" cannot be used: "__proto__", "constructor", "prototype" are reserved by JavaScript; pick another name`,
      );
    }
  });
});
