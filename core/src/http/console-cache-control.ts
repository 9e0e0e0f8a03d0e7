import { relative, sep } from 'node:path';

/** Vite writes every hashed file (JS, CSS, fonts, images it imports) under `assets/` of the build. */
const HASHED_DIR = 'assets';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

/**
 * The `Cache-Control` of a file of the built console: a hashed asset never changes under its name, so a
 * browser keeps it a year without asking; everything else (index.html, favicon) is revalidated on every use
 * (a 304 when unchanged), so a new build is picked up at once.
 */
export function consoleCacheControl(consoleDir: string, filePath: string): string {
  const rel = relative(consoleDir, filePath).split(sep);
  return rel.length > 1 && rel[0] === HASHED_DIR ? IMMUTABLE : REVALIDATE;
}
