import { ProblemError } from '@platform/sdk';
import type { MeterCatalog } from '../meters/meter-catalog.ts';

function refuse(field: string, detail: string): never {
  throw new ProblemError(400, 'validation_failed', detail, { field });
}

/** Quotas name known meters and are non-negative integers; the problem names `<field>.<meter>`. */
export function validateQuotas(quotas: unknown, meters: MeterCatalog, field = 'quotas'): Record<string, number> {
  if (quotas === undefined || quotas === null) return {};
  if (typeof quotas !== 'object' || Array.isArray(quotas)) refuse(field, `${field} must be an object of meter → quota`);
  for (const [meter, value] of Object.entries(quotas as Record<string, unknown>)) {
    if (!meters.get(meter)) refuse(`${field}.${meter}`, `Unknown meter "${meter}"; known meters: ${meters.all().map((m) => m.key).join(', ')}`);
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) refuse(`${field}.${meter}`, `The quota of "${meter}" must be a whole number`);
    if (value < 0) refuse(`${field}.${meter}`, `The quota of "${meter}" cannot be negative (got ${value})`);
  }
  return quotas as Record<string, number>;
}
