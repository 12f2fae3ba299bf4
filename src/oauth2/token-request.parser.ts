import { textProblem } from '../common/input/text';
import { OAuthError } from './oauth.error';
import { TokenRequest } from './token.service';

export interface RawTokenRequest {
  contentType?: string;
  authorization?: string;
  body: unknown;
}

/**
 * Reads a token request (RFC 6749 §4.4 with client authentication by HTTP Basic, §2.3.1, or
 * `client_secret_post`) and refuses anything malformed with the RFC's error code.
 */
export function parseTokenRequest(raw: RawTokenRequest): Omit<TokenRequest, 'source'> {
  const mediaType = raw.contentType?.split(';')[0].trim().toLowerCase();
  if (mediaType !== 'application/x-www-form-urlencoded') {
    throw new OAuthError('invalid_request', 'The token request must be sent as application/x-www-form-urlencoded');
  }
  const params = readParams(raw.body);
  const grantType = params.grant_type;
  if (!grantType) throw new OAuthError('invalid_request', 'grant_type is required');

  const basic = raw.authorization !== undefined ? parseBasic(raw.authorization) : undefined;
  const post = params.client_secret !== undefined ? { clientId: params.client_id, clientSecret: params.client_secret } : undefined;
  if (basic && post)
    throw new OAuthError('invalid_request', 'Use one client authentication method: HTTP Basic or client_secret_post, not both');
  if (basic && params.client_id !== undefined && params.client_id !== basic.clientId) {
    throw new OAuthError('invalid_request', 'client_id does not match the client authenticated by HTTP Basic');
  }
  if (post && !post.clientId) throw new OAuthError('invalid_request', 'client_id is required with client_secret');
  const credentials = basic ?? (post as { clientId: string; clientSecret: string } | undefined);
  if (!credentials) throw new OAuthError('invalid_client', 'Client authentication is required (HTTP Basic or client_secret_post)');
  return { credentials, grantType, scope: params.scope };
}

function readParams(body: unknown): Record<string, string | undefined> {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object') throw new OAuthError('invalid_request', 'The request body is not a form');
  const params: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (typeof value !== 'string') throw new OAuthError('invalid_request', `Parameter ${name} must appear once`);
    params[name] = value;
  }
  return params;
}

function parseBasic(header: string): { clientId: string; clientSecret: string } {
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header);
  if (!match) throw new OAuthError('invalid_request', 'The Authorization header must be HTTP Basic: Basic base64(client_id:client_secret)');
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) throw new OAuthError('invalid_request', 'The Basic credentials must be base64(client_id:client_secret)');
  let credentials: { clientId: string; clientSecret: string };
  try {
    // RFC 6749 §2.3.1: both parts are form-urlencoded before encoding.
    credentials = {
      clientId: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' ')),
      clientSecret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' ')),
    };
  } catch {
    throw new OAuthError('invalid_request', 'The Basic credentials are not validly encoded');
  }
  // The header escapes the guard on bodies and URLs: a NUL here is refused the same way.
  const problem = textProblem(decoded) ?? textProblem(credentials.clientId) ?? textProblem(credentials.clientSecret);
  if (problem) throw new OAuthError('invalid_request', `The Basic credentials ${problem}`);
  return credentials;
}
