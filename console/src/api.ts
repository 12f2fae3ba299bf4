/**
 * The console's only way to the service: the public token endpoint and admin API. The access
 * token lives in this object's memory only — never in localStorage or a cookie — so closing or
 * reloading the page signs out.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

export interface Page<T> {
  total: number;
  offset: number;
  limit: number;
  items: T[];
}

export interface Subscription {
  id: string;
  name: string;
  ownerUserId: string | null;
  createdAt: string;
}

export interface Activity {
  id: string;
  subscriptionId: string;
  applicationId: string | null;
  applicationName: string | null;
  operation: string;
  resourceType: string;
  resourceId: string | null;
  resourceName: string | null;
  outcome: 'success' | 'refused';
  status: number;
  scimType: string | null;
  detail: string | null;
  requestId: string | null;
  createdAt: string;
}

export interface SubscriptionDetail {
  id: string;
  name: string;
  createdAt: string;
  owner: { userId: string; userName: string; subscriptionId: string; active: boolean } | null;
  heirWithoutBoss: 'subscription_owner' | 'company_owner';
  users: { active: number; inactive: number };
  groups: number;
  applications: { id: string; name: string; clientId: string; grantType: string; lastUsedAt: string | null }[];
  lastActivity: Activity | null;
}

export interface Application {
  id: string;
  name: string;
  clientId: string;
  grantType: 'client_credentials' | 'bearer_token';
  allowedScopes: ('api' | 'usersync')[];
  subscriptionId: string;
  userName: string;
  tokenLifetimeSeconds: number;
  patchResponse: string;
  createdAt: string;
  updatedAt: string;
  lastUsedAt: string | null;
}

export interface ApplicationWithSecret extends Application {
  clientSecret: string;
  secretExpiresAt?: string;
}

export interface UserSummary {
  userId: string;
  userName: string;
  displayName: string | null;
  active: boolean;
}

export interface CompanyOwner {
  userId: string;
  userName: string;
  since: string;
}

export interface Transfer {
  id: string;
  fromUserId: string;
  toUserId: string;
  rule: string;
  resourcesMoved: number;
  permissionsMoved: string[];
  newSubscriptionOwnerId: string | null;
  companyOwnershipEnded: boolean;
  trigger: string;
  requestId: string | null;
  createdAt: string;
}

export interface Resource {
  id: string;
  kind: string;
  name: string;
  ownerUserId: string;
  createdAt: string;
  updatedAt: string;
}

type Query = Record<string, string | number | undefined>;

export class Api {
  constructor(
    private readonly token: string,
    /** Called when the service no longer takes the token (expired, revoked): back to sign-in. */
    private readonly onExpired: (message: string) => void,
  ) {}

  /** Exchanges an admin application's client id and secret for an `api` token. */
  static async signIn(clientId: string, clientSecret: string): Promise<{ token: string; expiresIn?: number }> {
    const res = await fetch('/oauth2/server/token', {
      method: 'POST',
      // No HTTP credentials of the browser's own: a 401 with WWW-Authenticate: Basic then comes
      // back to the page instead of opening the browser's sign-in prompt.
      credentials: 'omit',
      headers: {
        Authorization: `Basic ${btoa(`${clientId}:${clientSecret}`)}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'api' }).toString(),
    });
    const body = (await res.json().catch(() => ({}))) as {
      access_token?: string;
      expires_in?: number;
      error?: string;
      error_description?: string;
    };
    if (!res.ok || !body.access_token) {
      throw new ApiError(res.status, body.error_description ?? body.error ?? `The service answered ${res.status}`, body.error);
    }
    return { token: body.access_token, expiresIn: body.expires_in };
  }

  get<T>(path: string, query: Query = {}): Promise<T> {
    return this.request<T>('GET', withQuery(path, query));
  }

  post<T>(path: string, body: object = {}): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  put<T>(path: string, body: object): Promise<T> {
    return this.request<T>('PUT', path, body);
  }

  patch<T>(path: string, body: object): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }

  delete(path: string, query: Query = {}): Promise<void> {
    return this.request<void>('DELETE', withQuery(path, query));
  }

  private async request<T>(method: string, path: string, body?: object): Promise<T> {
    const res = await fetch(path, {
      method,
      credentials: 'omit',
      headers: { Authorization: `Bearer ${this.token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (res.status === 204) return undefined as T;
    const answer = (await res.json().catch(() => ({}))) as { message?: string; error?: string };
    if (res.status === 401) {
      this.onExpired('Your session ended (the token expired or was revoked). Sign in again.');
      throw new ApiError(401, 'Signed out');
    }
    if (!res.ok) throw new ApiError(res.status, answer.message ?? `The service answered ${res.status}`, answer.error);
    return answer as T;
  }
}

function withQuery(path: string, query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * What Entra ID's "Test Connection" sends: a filter on userName for a value no user has, with the
 * Secret Token; it expects 200 and an empty list. Answers in words what happened.
 */
export async function testScimConnection(tenantUrl: string, secretToken: string): Promise<{ ok: boolean; message: string }> {
  const probe = crypto.randomUUID();
  let res: Response;
  try {
    res = await fetch(`${tenantUrl}/Users?filter=${encodeURIComponent(`userName eq "${probe}"`)}`, {
      headers: { Authorization: `Bearer ${secretToken}`, Accept: 'application/scim+json' },
      credentials: 'omit',
    });
  } catch {
    return { ok: false, message: `The Tenant URL ${tenantUrl} could not be reached.` };
  }
  const body = (await res.json().catch(() => ({}))) as { totalResults?: number; detail?: string };
  if (res.ok && body.totalResults === 0) {
    return { ok: true, message: 'Connection succeeded: the service answered 200 with an empty list, as Entra ID expects.' };
  }
  if (res.status === 401) return { ok: false, message: 'The Secret Token was refused (401): it is unknown, revoked or expired.' };
  if (res.status === 403) return { ok: false, message: 'The Secret Token is valid but lacks the usersync scope (403).' };
  return { ok: false, message: `Unexpected answer ${res.status}${body.detail ? `: ${body.detail}` : ''}.` };
}

export interface UserProperty {
  name: string;
  type: 'string' | 'integer' | 'decimal' | 'boolean' | 'dateTime';
  maxLength: number | null;
  required: boolean;
  caseExact: boolean;
  description: string | null;
  scimPath: string;
  createdAt: string;
  updatedAt: string;
}
