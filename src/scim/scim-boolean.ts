/**
 * A SCIM boolean as clients send it: `true`/`false`, or Entra ID's strings "True"/"False" (any
 * letter case). Anything else is not a boolean (undefined).
 */
export function toBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const lower = value.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  return undefined;
}
