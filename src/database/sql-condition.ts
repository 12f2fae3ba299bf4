/**
 * A WHERE fragment with its bound parameters: what the SCIM filter translator produces and the
 * repositories' searches take. No client text is ever in `sql`; every value is in `params`.
 */
export interface SqlCondition {
  sql: string;
  params: Record<string, unknown>;
}
