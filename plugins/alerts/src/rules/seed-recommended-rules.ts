import { randomUUID } from 'node:crypto';
import type { Database } from '@platform/sdk';
import type { RecommendedRule } from './recommended-rules.ts';

/**
 * Seeds each recommended rule once per database (idempotent, safe when several instances boot at once:
 * the claim in `alerts_rule_seeds` and the rule are written by one statement). A seeded rule an operator
 * deleted stays deleted; one edited keeps its edits. With `tenantFilter`, the rules watch that tenant's series only
 * (the caller makes the seed keys unique per tenant). Returns the seed keys created.
 */
export async function seedRecommendedRules(db: Database, rules: readonly RecommendedRule[], tenantFilter: string | null = null): Promise<string[]> {
  const seeded = await db.sql<{ seed_key: string }>('SELECT seed_key FROM alerts_rule_seeds WHERE seed_key = ANY($1::text[])', [rules.map((r) => r.seedKey)]);
  const done = new Set(seeded.map((row) => row.seed_key));
  const created: string[] = [];
  for (const rule of rules) {
    if (done.has(rule.seedKey)) continue;
    const rows = await db.sql<{ id: string }>(
      `WITH claimed AS (
         INSERT INTO alerts_rule_seeds (seed_key, rule_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING rule_id)
       INSERT INTO alerts_rules (id, name, description, metric, aggregation, filter, group_by, condition, threshold,
                                 window_minutes, for_minutes, severity, component, channels, enabled, tenant_filter)
       SELECT rule_id, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10, $11, $12, $13, $14, $15::jsonb, $16, $17::uuid FROM claimed
       RETURNING id`,
      [
        rule.seedKey, randomUUID(), rule.name, rule.description, rule.metric, rule.aggregation, JSON.stringify(rule.filter), JSON.stringify(rule.groupBy),
        rule.condition, rule.threshold, rule.windowMinutes, rule.forMinutes, rule.severity, rule.component, JSON.stringify(rule.channels), rule.enabled, tenantFilter,
      ],
    );
    if (rows.length > 0) created.push(rule.seedKey);
  }
  return created;
}
