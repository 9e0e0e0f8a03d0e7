import { ProblemError } from '@platform/sdk';

/** The canonical BCP 47 form of `tag` (`en-us` -> `en-US`), or null when it is not a well-formed tag. */
export function canonicalLanguage(tag: unknown): string | null {
  if (typeof tag !== 'string' || tag.length === 0 || tag.length > 35) return null;
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    return canonical ?? null;
  } catch {
    return null;
  }
}

/** {@link canonicalLanguage}, or a 400 `invalid_language` naming `field`. */
export function requireLanguage(field: string, tag: unknown): string {
  const canonical = canonicalLanguage(tag);
  if (!canonical) throw new ProblemError(400, 'invalid_language', `"${String(tag)}" is not a BCP 47 language tag (e.g. en, fr-CA, pt-BR)`, { field });
  return canonical;
}

/** `fr-CA` -> `fr`; null for a tag that is already a bare language. */
function baseLanguage(tag: string): string | null {
  try {
    const base = new Intl.Locale(tag).language;
    return base && base !== tag ? base : null;
  } catch {
    return null;
  }
}

/**
 * The languages to try, in order, without repeats: the requested one, then its base language (`fr-CA`,
 * then `fr`); the tenant's language and its base; the template's default language. Unusable tags (not
 * BCP 47) are skipped, so a tenant with an odd locale still gets the default.
 */
export function languageFallbacks(requested: string | null | undefined, tenantLanguage: string | null | undefined, defaultLanguage: string): string[] {
  const out: string[] = [];
  const add = (tag: string | null | undefined) => {
    const canonical = canonicalLanguage(tag);
    if (!canonical) return;
    for (const t of [canonical, baseLanguage(canonical)]) if (t && !out.includes(t)) out.push(t);
  };
  add(requested);
  add(tenantLanguage);
  const fallback = canonicalLanguage(defaultLanguage) ?? defaultLanguage;
  if (!out.includes(fallback)) out.push(fallback);
  return out;
}

/** The first language of the chain a version exists in (the default language always has one). */
export function pickLanguage<T>(chain: readonly string[], versions: ReadonlyMap<string, T>): { language: string; version: T } | null {
  for (const language of chain) {
    const version = versions.get(language);
    if (version !== undefined) return { language, version };
  }
  return null;
}
