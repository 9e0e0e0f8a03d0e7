/** Adds `column = $n` (or `= ANY($n)` for arrays) for a filter value; returns the SQL condition. */
export function sqlEquals(params: unknown[], column: string, value: unknown, cast = 'text'): string {
  params.push(value);
  return Array.isArray(value) ? `${column} = ANY($${params.length}::${cast}[])` : `${column} = $${params.length}::${cast}`;
}
