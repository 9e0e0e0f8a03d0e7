/** Percentage (0-100, whole) of `done` over `total`; a finished run with nothing to do is 100. */
export function percentOf(done: number, total: number, finished: boolean): number {
  if (total <= 0) return finished ? 100 : 0;
  return Math.max(0, Math.min(100, Math.floor((done / total) * 100)));
}

/** `1,234 / 5,000 rows`. */
export function rowsText(done: number, total: number): string {
  return `${done.toLocaleString('en')} / ${total.toLocaleString('en')} rows`;
}

/** Bytes as `12.3 MB`. */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The restore wizard's steps, in order: each opens only once the one before is done. */
export const WIZARD_STEPS = ['Choose target', 'Dry run and verification', 'Confirm', 'Restore'] as const;

/** Whether the typed confirmation matches the target tenant's slug (exactly, as the API checks it). */
export function confirmationMatches(typed: string, slug: string): boolean {
  return typed === slug;
}
