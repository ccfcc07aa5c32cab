/** The part of aws4 (a devDependency: the independent signer the SigV4 tests check against) they use. */
declare module 'aws4' {
  interface Aws4Request {
    host: string;
    path: string;
    method: string;
    headers: Record<string, string>;
    body?: string | Buffer;
    service: string;
    region: string;
    doNotModifyHeaders?: boolean;
  }
  interface Aws4Credentials {
    accessKeyId: string;
    secretAccessKey: string;
    sessionToken?: string;
  }
  export function sign(request: Aws4Request, credentials: Aws4Credentials): Aws4Request;
  const aws4: { sign: typeof sign };
  export default aws4;
}
