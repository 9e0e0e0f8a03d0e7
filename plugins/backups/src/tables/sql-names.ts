const IDENTIFIER = /^[a-z_][a-z0-9_$]{0,62}$/;

/** A table or column name, double-quoted; anything but a plain lower-case identifier is refused (names come from declarations). */
export function quoteName(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`not a plain SQL identifier: ${JSON.stringify(name)}`);
  return `"${name}"`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
