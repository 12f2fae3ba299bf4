/**
 * Bounds on what one request may ask for, so that no tenant can exhaust memory, stall the
 * event loop or reach a database limit for the others. Each is answered with a clear 4xx in
 * the protocol's format; the README lists them.
 */
export const LIMITS = {
  /** Nesting of a JSON body (objects and arrays), on every route. */
  jsonDepth: 64,
  /** Characters of a SCIM filter. */
  filterLength: 4096,
  /** Comparisons (`eq`, `pr`, …) in one filter, value filters included. */
  filterTerms: 100,
  /** Nesting of parentheses, `not` and value filters in one filter. */
  filterDepth: 16,
  /** Operations of one SCIM PATCH. */
  patchOperations: 1000,
  /** Values of one multi-valued attribute of a user (emails, phoneNumbers, …, custom properties). */
  valuesPerAttribute: 100,
  /** Members one group request names (POST, PUT, or all of a PATCH's member operations). */
  membersPerRequest: 1000,
  /** The largest `startIndex` / `offset` a list takes (a 32-bit row number). */
  maxOffset: 2_147_483_647,
} as const;
