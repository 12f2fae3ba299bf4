/**
 * The case-folded form of a userName that the unique index holds. SCIM userName is
 * `caseExact:false`, so "Alice@x" and "alice@X" are the same user.
 */
export function userNameKey(userName: string): string {
  return userName.normalize('NFC').toLowerCase();
}
