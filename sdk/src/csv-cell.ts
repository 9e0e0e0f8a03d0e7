/**
 * One CSV cell: quoted when it holds a comma, quote or line break, JSON for objects, and never read as a spreadsheet
 * formula (a text with a leading `=`, `+`, `-`, `@`, tab or carriage return gets a `'` in front).
 */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  const s = v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v);
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
