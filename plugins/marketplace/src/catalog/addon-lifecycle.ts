import { ProblemError } from '@platform/sdk';
import type { AddonStatus } from './addon-record.ts';

/**
 * The catalog lifecycle:
 * - `draft` → `published` (on sale);
 * - `published` → `suspended` (off sale for now) or `deprecated` (off sale for good);
 * - `suspended` → `published` or `deprecated`;
 * - `deprecated` is final.
 * Only `published` add-ons can be bought. Suspending or deprecating never takes away what tenants bought (see the README).
 */
export const ADDON_TRANSITIONS: Readonly<Record<AddonStatus, readonly AddonStatus[]>> = {
  draft: ['published'],
  published: ['suspended', 'deprecated'],
  suspended: ['published', 'deprecated'],
  deprecated: [],
};

export function canTransition(from: AddonStatus, to: AddonStatus): boolean {
  return ADDON_TRANSITIONS[from].includes(to);
}

export function requireTransition(from: AddonStatus, to: AddonStatus): void {
  if (!canTransition(from, to)) {
    const allowed = ADDON_TRANSITIONS[from];
    throw new ProblemError(409, 'invalid_transition', `An add-on that is ${from} cannot become ${to}${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ' (deprecated is final)'}`, { field: 'status', extra: { from, to, allowed } });
  }
}
