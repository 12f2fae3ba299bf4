/**
 * Bounds on what one request may ask for, so that no tenant can exhaust memory, stall the
 * event loop or reach a database limit for the others. Each is answered with a clear 4xx in
 * the protocol's format; the README lists them. These protect the process itself and are
 * fixed; the ones an operator may change are RequestLimits (config).
 */
export const LIMITS = {
  /** Nesting of a JSON body (objects and arrays), on every route. */
  jsonDepth: 64,
  /** Characters of a PATCH path (a filter's length is configured: RequestLimits). */
  pathLength: 4096,
  /** Nesting of parentheses, `not` and value filters in one filter. */
  filterDepth: 16,
  /** Values of one multi-valued attribute of a user (emails, phoneNumbers, …, custom properties). */
  valuesPerAttribute: 100,
  /** The largest `startIndex` / `offset` a list takes (a 32-bit row number). */
  maxOffset: 2_147_483_647,
} as const;
