import type { EntityManager, PluginContext } from '@platform/sdk';
import { DATA_DECLARATIONS, tenantColumnOf, type DataDeclarationRegistry, type PersonalDataCategory } from '@platform/sdk/data-protection';
import { erasureSet } from './declared-rows.ts';
import { quoteIdent, readSchemaColumns } from './schema-columns.ts';

export const CATEGORIES: PersonalDataCategory[] = ['profile', 'contact', 'billing', 'tickets', 'activity', 'content', 'technical'];
/** Columns that date a row, in the order they are looked for. */
const DATE_COLUMNS = ['created_at', 'at', 'logged_at', 'checked_at', 'started_at'];

export interface RetentionSetting {
  category: PersonalDataCategory;
  retentionDays: number | null;
  lastAppliedAt: string | null;
  lastAppliedRows: number | null;
  /** Declared tables holding this category, for the settings page. */
  tables: string[];
}

export async function readRetention(ctx: PluginContext, em?: EntityManager): Promise<RetentionSetting[]> {
  const rows = await ctx.db.sql<{ category: string; retention_days: number; last_applied_at: Date | null; last_applied_rows: number | null }>('SELECT * FROM gdpr_retention_settings', [], em);
  const byCategory = new Map(rows.map((r) => [r.category, r]));
  const declarations = ctx.resolve<DataDeclarationRegistry>(DATA_DECLARATIONS).list();
  return CATEGORIES.map((category) => {
    const r = byCategory.get(category);
    return {
      category,
      retentionDays: r?.retention_days ?? null,
      lastAppliedAt: r?.last_applied_at ? new Date(r.last_applied_at).toISOString() : null,
      lastAppliedRows: r?.last_applied_rows ?? null,
      tables: declarations.filter((d) => d.personalFields.some((f) => f.category === category)).map((d) => d.table),
    };
  });
}

/** Sets (a number) or clears (null) each listed category's retention, in one transaction. */
export async function saveRetention(ctx: PluginContext, settings: { category: PersonalDataCategory; retentionDays: number | null }[], by: string | null, inTransaction?: EntityManager): Promise<void> {
  await (inTransaction ?? ctx.db.system()).transactional(async (em) => {
    for (const s of settings) {
      if (s.retentionDays === null) await ctx.db.sql('DELETE FROM gdpr_retention_settings WHERE category = $1', [s.category], em);
      else
        await ctx.db.sql(
          `INSERT INTO gdpr_retention_settings (category, retention_days, updated_by) VALUES ($1, $2, $3)
           ON CONFLICT (category) DO UPDATE SET retention_days = EXCLUDED.retention_days, updated_by = EXCLUDED.updated_by, updated_at = now()`,
          [s.category, s.retentionDays, by],
          em,
        );
    }
  });
}

/**
 * The nightly job: for each category with a retention, in every declared table with a date column, rows older than the
 * retention lose that category's fields (rows of `delete` tables whose personal fields are all of expired categories
 * are deleted). A table retained under a legal basis keeps its rows at least for its declared period. The audit
 * (crypto-shredded) and tables without a date column are left alone. Returns the rows touched.
 */
export async function applyRetention(ctx: PluginContext, now = new Date()): Promise<number> {
  const settings = await ctx.db.sql<{ category: PersonalDataCategory; retention_days: number }>('SELECT category, retention_days FROM gdpr_retention_settings');
  if (!settings.length) return 0;
  const days = new Map(settings.map((s) => [s.category, s.retention_days]));
  const schema = await readSchemaColumns(ctx.db);
  const declarations = ctx.resolve<DataDeclarationRegistry>(DATA_DECLARATIONS).list();
  const touched = new Map<string, number>();
  for (const d of declarations) {
    // Accounts and tenants (the kernel's) live as long as they are used; the audit is crypto-shredded instead.
    if (d.plugin === 'kernel' || d.cryptoShredded || d.table === 'gdpr_certificates' || !tenantColumnOf(d)) continue;
    const columns = schema.get(d.table);
    const dateColumn = DATE_COLUMNS.find((c) => columns?.has(c));
    if (!columns || !dateColumn) continue;
    const floor = d.deletion.action === 'retain' ? d.deletion.periodDays : 0;
    for (const [category, retentionDays] of days) {
      const fields = d.personalFields.filter((f) => f.category === category).map((f) => f.column);
      if (!fields.length) continue;
      const cutoff = new Date(now.getTime() - Math.max(retentionDays, floor) * 86_400_000);
      const allExpired = d.personalFields.every((f) => days.has(f.category));
      let n = 0;
      try {
      if (d.deletion.action === 'delete' && allExpired) {
        n = (await ctx.db.sql(`DELETE FROM ${quoteIdent(d.table)} WHERE ${quoteIdent(dateColumn)} < $1 RETURNING 1`, [cutoff])).length;
      } else {
        const { set } = erasureSet(d.table, fields, schema);
        if (!set.length) continue;
        // Only rows not erased yet: a second run touches nothing.
        const notErased = fields.filter((f) => columns.get(f)!.udt === 'text').map((f) => `${quoteIdent(f)} IS DISTINCT FROM '[erased]'`);
        const pending = notErased.length ? ` AND (${notErased.join(' OR ')})` : '';
        n = (await ctx.db.sql(`UPDATE ${quoteIdent(d.table)} SET ${set.join(', ')} WHERE ${quoteIdent(dateColumn)} < $1${pending} RETURNING 1`, [cutoff])).length;
      }
      } catch (err) {
        ctx.logger.warn({ err, table: d.table, category }, 'retention could not be applied to a table');
      }
      touched.set(category, (touched.get(category) ?? 0) + n);
    }
  }
  for (const [category] of days) await ctx.db.sql('UPDATE gdpr_retention_settings SET last_applied_at = $2, last_applied_rows = $3 WHERE category = $1', [category, now, touched.get(category) ?? 0]);
  return [...touched.values()].reduce((a, b) => a + b, 0);
}
