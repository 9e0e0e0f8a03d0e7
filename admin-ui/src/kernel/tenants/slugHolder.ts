import { asProblem } from '../../api/problem.ts';

/** The tenant that already has a slug, as a `409 slug_taken` problem names it. */
export interface SlugHolder {
  id: string;
  name: string;
  slug: string;
}

/** The holder named by a failed create or edit, or null when the error is something else. */
export function slugHolderOf(error: unknown): SlugHolder | null {
  const problem = asProblem((error as { body?: unknown } | null)?.body);
  if (problem?.code !== 'slug_taken' || typeof problem.existingTenantId !== 'string') return null;
  const text = (v: unknown) => (typeof v === 'string' && v ? v : null);
  const id = problem.existingTenantId;
  return { id, slug: text(problem.existingTenantSlug) ?? '', name: text(problem.existingTenantName) ?? id };
}
