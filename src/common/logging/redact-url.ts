const SENSITIVE = /^(client_secret|access_token|token|password|secret|code|assertion)$/i;
/** Query parameters that never carry personal data; the value of any other is masked at `info`. */
const PLAIN = /^(startindex|count|sortby|sortorder|attributes|excludedattributes|offset|limit|outcome|operation|subscriptionid|force)$/i;
const QUOTED = /"(?:[^"\\]|\\.)*"/g;
const ID_SEGMENT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The request URL as logged. The value of any credential-like query parameter is always
 * replaced. Unless `personal` is allowed (LOG_LEVEL=debug), personal data is masked too: the
 * quoted values of a filter (a userName, an email address), any other free-text parameter, and a
 * resource path segment that is not an id (SCIM paths may name a user by userName).
 */
export function redactUrl(url: string, personal = false): string {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const shownPath = personal ? path : maskPath(path);
  if (q < 0) return shownPath;
  const params = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      const decoded = decodeURIComponentSafe(name);
      if (SENSITIVE.test(decoded)) return `${name}=[redacted]`;
      if (personal || eq < 0 || PLAIN.test(decoded)) return pair;
      if (decoded.toLowerCase() === 'filter') {
        return `${name}=${encodeURIComponent(decodeURIComponentSafe(pair.slice(eq + 1).replace(/\+/g, ' ')).replace(QUOTED, '"…"'))}`;
      }
      return `${name}=[masked]`;
    });
  return `${shownPath}?${params.join('&')}`;
}

/** `/scim/v2/Users/jane@contoso.com` → `/scim/v2/Users/[masked]`; ids and route names stay. */
function maskPath(path: string): string {
  const segments = path.split('/');
  return segments
    .map((segment, i) => {
      const parent = (segments[i - 1] ?? '').toLowerCase();
      const named = parent === 'users' || parent === 'groups';
      return named && segment && !ID_SEGMENT.test(segment) && !segment.startsWith('.') ? '[masked]' : segment;
    })
    .join('/');
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
