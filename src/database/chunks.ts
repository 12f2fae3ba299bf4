/** Rows per INSERT: SQL Server takes at most 2,100 parameters a statement (a user value row has 14 columns). */
export const ROWS_PER_INSERT = 100;

/** The items in runs of at most `size`. */
export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
