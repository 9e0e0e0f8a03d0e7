/** Pure display helpers of the dead letters page. */

/** The line worth showing in a table cell: the first non-blank line of a message or stack trace. */
export function errorHeadline(error: string | null | undefined): string {
  if (!error) return '';
  return error.split('\n').map((line) => line.trim()).find(Boolean) ?? '';
}

/** The payload as indented JSON; `undefined` (no payload) reads as `null`, like the outbox stores it. */
export function prettyPayload(payload: unknown): string {
  try {
    return JSON.stringify(payload ?? null, null, 2) ?? 'null';
  } catch {
    return String(payload);
  }
}

/** "3 of 3": attempts made against the subscriber's maximum. */
export function attemptsLabel(attempts: number, maxAttempts: number): string {
  return `${attempts} of ${maxAttempts}`;
}

/** "1 fresh attempt", "8 fresh attempts": what a retry gives the delivery. */
export function attemptsWord(count: number): string {
  return `${count} fresh attempt${count === 1 ? '' : 's'}`;
}

/** At most `max` characters, with an ellipsis when cut (for tooltips; the expanded row shows everything). */
export function clipText(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(max - 1, 0)).trimEnd()}…`;
}
