/** A value Stripe's form encoding takes: scalars, and one level of nested hashes (`metadata[reference]=...`). */
export type StripeParam = string | number | boolean | null | undefined | Record<string, string | number | boolean | null | undefined>;

/**
 * Stripe's request encoding (`application/x-www-form-urlencoded`, nested keys in brackets): `{ amount: 1999,
 * metadata: { reference: 'inv-1' } }` → `amount=1999&metadata%5Breference%5D=inv-1`. Absent (null/undefined)
 * values are left out.
 */
export function stripeForm(params: Record<string, StripeParam>): string {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined) continue;
    if (typeof value === 'object') {
      for (const [sub, v] of Object.entries(value)) if (v !== null && v !== undefined) form.append(`${key}[${sub}]`, String(v));
    } else form.append(key, String(value));
  }
  return form.toString();
}
