import { SYSTEM_AUTHOR } from '../model/change-author.ts';
import type { FlagDraft } from '../model/flag-draft.ts';
import { insertFlag } from '../store/flag-store.ts';
import { auditFlagChange, commitFlagChange } from '../service/commit-flag-change.ts';
import type { FlagChangeDeps } from '../service/flag-change-deps.ts';
import { auditedFlag } from '../service/flag-changes.ts';

const SEED_REASON = 'Platform flag seeded';

/**
 * Seeds each platform flag once per database (idempotent, safe when several instances boot at once):
 * `feature_flag_seeds` remembers what was seeded, so a seeded flag an operator deleted stays deleted,
 * and a flag added to the list in a later version is seeded on the next boot. Returns the keys created.
 */
export async function seedPlatformFlags(deps: FlagChangeDeps, flags: readonly FlagDraft[]): Promise<string[]> {
  const seeded = await deps.db.sql<{ flag_key: string }>('SELECT flag_key FROM feature_flag_seeds WHERE flag_key = ANY($1::text[])', [flags.map((f) => f.key)]);
  const done = new Set(seeded.map((row) => row.flag_key));
  const missing = flags.filter((flag) => !done.has(flag.key));
  if (missing.length === 0) return [];
  return commitFlagChange(deps, async (em) => {
    const created: string[] = [];
    for (const flag of missing) {
      const claimed = await deps.db.sql('INSERT INTO feature_flag_seeds (flag_key) VALUES ($1) ON CONFLICT DO NOTHING RETURNING flag_key', [flag.key], em);
      if (claimed.length === 0) continue;
      const record = await insertFlag(deps.db, em, flag, SYSTEM_AUTHOR);
      if (!record) continue;
      await auditFlagChange(deps, em, { flagKey: record.key, action: 'flag.seeded', newValue: auditedFlag(record), reason: SEED_REASON }, SYSTEM_AUTHOR);
      created.push(record.key);
    }
    return created;
  });
}
