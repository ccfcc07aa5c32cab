/**
 * Credential kinds: which fields each kind has and which of them are secret.
 * Values never appear in a flow file; this table is what the vault, the environment
 * resolver and the renderer's credential picker all agree on.
 */

export type CredentialKind =
  'apiKey' | 'basic' | 'bearer' | 'oauth2' | 'zendeskApiToken' | 'awsSigV4' | 'salesforceJwt' | 'hmac';

export interface CredentialFieldSpec {
  name: string;
  label: string;
  secret: boolean;
  required: boolean;
  description?: string;
  /** Allowed values, when the field is a choice. */
  options?: readonly string[];
  /** The value is a web address (http or https) the runtime calls, e.g. a token endpoint. */
  url?: true;
}

export interface CredentialKindSpec {
  kind: CredentialKind;
  label: string;
  description: string;
  fields: readonly CredentialFieldSpec[];
}

export const CREDENTIAL_KINDS: Readonly<Record<CredentialKind, CredentialKindSpec>> = {
  apiKey: {
    kind: 'apiKey',
    label: 'API key header',
    description: 'A token sent in a header, e.g. Qualtrics X-API-TOKEN.',
    fields: [{ name: 'value', label: 'API key', secret: true, required: true }],
  },
  basic: {
    kind: 'basic',
    label: 'Basic authentication',
    description: 'User name and password sent as HTTP Basic (e.g. ServiceNow).',
    fields: [
      { name: 'username', label: 'User name', secret: false, required: true },
      { name: 'password', label: 'Password', secret: true, required: true },
    ],
  },
  bearer: {
    kind: 'bearer',
    label: 'Bearer token',
    description: 'A fixed token sent as `Authorization: Bearer …`.',
    fields: [{ name: 'token', label: 'Token', secret: true, required: true }],
  },
  oauth2: {
    kind: 'oauth2',
    label: 'OAuth 2.0',
    description:
      'Client credentials (Genesys Cloud, Salesforce) or password grant (ServiceNow). The token is cached until it expires.',
    fields: [
      {
        name: 'tokenUrl',
        label: 'Token endpoint',
        secret: false,
        required: true,
        url: true,
        description: 'e.g. https://login.mypurecloud.com/oauth/token',
      },
      { name: 'clientId', label: 'Client ID', secret: false, required: true },
      { name: 'clientSecret', label: 'Client secret', secret: true, required: true },
      {
        name: 'grantType',
        label: 'Grant type',
        secret: false,
        required: false,
        options: ['client_credentials', 'password'],
        description: 'Defaults to client_credentials.',
      },
      { name: 'username', label: 'User name (password grant)', secret: false, required: false },
      { name: 'password', label: 'Password (password grant)', secret: true, required: false },
      { name: 'scope', label: 'Scope', secret: false, required: false },
      {
        name: 'clientAuthentication',
        label: 'Send client credentials as',
        secret: false,
        required: false,
        options: ['basic', 'body'],
        description: 'basic: Authorization header (Genesys); body: form fields (ServiceNow). Defaults to basic.',
      },
    ],
  },
  zendeskApiToken: {
    kind: 'zendeskApiToken',
    label: 'Zendesk API token',
    description: 'Sent as Basic base64("{email}/token:{api_token}").',
    fields: [
      { name: 'email', label: 'Agent email', secret: false, required: true },
      { name: 'token', label: 'API token', secret: true, required: true },
    ],
  },
  awsSigV4: {
    kind: 'awsSigV4',
    label: 'AWS Signature V4',
    description:
      'An IAM access key that signs each request (Amazon S3 recording links, API Gateway, any AWS API). The secret never leaves this machine: only the signature is sent.',
    fields: [
      {
        name: 'accessKeyId',
        label: 'Access key ID',
        secret: false,
        required: true,
        description: 'e.g. AKIAIOSFODNN7EXAMPLE',
      },
      { name: 'secretAccessKey', label: 'Secret access key', secret: true, required: true },
      {
        name: 'sessionToken',
        label: 'Session token',
        secret: true,
        required: false,
        description: 'Only for temporary credentials (STS, an assumed role).',
      },
      { name: 'region', label: 'Region', secret: false, required: true, description: 'e.g. us-east-1, ap-northeast-1' },
      {
        name: 'service',
        label: 'Service',
        secret: false,
        required: true,
        description: 'The signing name of the AWS service, e.g. s3, execute-api, sts.',
      },
    ],
  },
  salesforceJwt: {
    kind: 'salesforceJwt',
    label: 'Salesforce JWT bearer',
    description:
      "A connected app's certificate signs a short JWT for the integration user; Salesforce answers with an access token and the org's instance address. No password or client secret is stored.",
    fields: [
      {
        name: 'clientId',
        label: 'Consumer key',
        secret: false,
        required: true,
        description: "The connected app's consumer key (client id).",
      },
      {
        name: 'username',
        label: 'User name',
        secret: false,
        required: true,
        description: 'The Salesforce user the integration acts as, pre-authorised for the connected app.',
      },
      {
        name: 'privateKey',
        label: 'Private key (PEM)',
        secret: true,
        required: true,
        description:
          'The RSA private key of the certificate uploaded to the connected app (-----BEGIN PRIVATE KEY-----…).',
      },
      {
        name: 'loginUrl',
        label: 'Login address',
        secret: false,
        required: true,
        url: true,
        description: 'https://login.salesforce.com (production) or https://test.salesforce.com (sandbox).',
      },
    ],
  },
  hmac: {
    kind: 'hmac',
    label: 'HMAC signing secret',
    description: 'Shared secret used to verify webhook signatures.',
    fields: [{ name: 'secret', label: 'Secret', secret: true, required: true }],
  },
};

export const CREDENTIAL_KIND_NAMES = Object.keys(CREDENTIAL_KINDS) as CredentialKind[];

/** Credential names are referenced from nodes and mapped to environment variables. */
export const CREDENTIAL_NAME_PATTERN = '^[A-Za-z][A-Za-z0-9_-]{0,63}$';

/**
 * Requests a credential may make: at most `points` per `seconds` (Genesys Cloud limits each OAuth
 * client to a request rate). Held by every process that uses the credential together when they
 * share a Redis (queue mode), else by each process on its own.
 */
export interface RateLimit {
  points: number;
  seconds: number;
}

/** A credential with its values, as the runtime holds it after resolution. */
export interface ResolvedCredential {
  name: string;
  kind: CredentialKind;
  fields: Readonly<Record<string, string>>;
  allowedOrigins?: readonly string[];
  rateLimit?: RateLimit;
}

/** What a renderer may know about a stored credential: never its values. */
export interface CredentialSummary {
  name: string;
  kind: CredentialKind;
  allowedOrigins?: string[];
  /** Names of the fields that hold a value. */
  fieldsSet: string[];
}
