import { randomUUID } from 'node:crypto';
import type { Database, EntityManager } from '@platform/sdk';
import type { AddonDraft } from './addon-input.ts';
import { ADDON_COLUMNS, addonOf, type AddonRecord, type AddonStatus } from './addon-record.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The catalog's table: platform-level rows (no tenant), read by staff whole and by tenants when published. */
export class AddonStore {
  constructor(private readonly db: Database) {}

  async list(statuses?: readonly AddonStatus[], em?: EntityManager): Promise<AddonRecord[]> {
    const rows = statuses
      ? await this.db.sql(`SELECT ${ADDON_COLUMNS} FROM marketplace_addons WHERE status = ANY($1::text[]) ORDER BY name, id`, [statuses], em)
      : await this.db.sql(`SELECT ${ADDON_COLUMNS} FROM marketplace_addons ORDER BY name, id`, [], em);
    return rows.map(addonOf);
  }

  async get(id: string, em?: EntityManager, forUpdate = false): Promise<AddonRecord | null> {
    if (!UUID.test(id)) return null;
    const [row] = await this.db.sql(`SELECT ${ADDON_COLUMNS} FROM marketplace_addons WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id], em);
    return row ? addonOf(row) : null;
  }

  async insert(em: EntityManager, draft: AddonDraft): Promise<AddonRecord> {
    const { kind: _kind, ...provision } = draft.provision;
    const [row] = await this.db.sql(
      `INSERT INTO marketplace_addons (id, name, summary, description, kind, provision, pricing, amount_minor, currency, screenshots, permissions, allowed_plans)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10::jsonb, $11::jsonb, $12::jsonb) RETURNING ${ADDON_COLUMNS}`,
      [randomUUID(), draft.name, draft.summary, draft.description, draft.kind, JSON.stringify(provision), draft.pricing, draft.amountMinor, draft.currency,
        JSON.stringify(draft.screenshots), JSON.stringify(draft.permissions), JSON.stringify(draft.allowedPlans)],
      em,
    );
    return addonOf(row);
  }

  async update(em: EntityManager, id: string, draft: AddonDraft): Promise<AddonRecord> {
    const { kind: _kind, ...provision } = draft.provision;
    const [row] = await this.db.sql(
      `UPDATE marketplace_addons SET name = $2, summary = $3, description = $4, kind = $5, provision = $6::jsonb, pricing = $7, amount_minor = $8, currency = $9,
         screenshots = $10::jsonb, permissions = $11::jsonb, allowed_plans = $12::jsonb, updated_at = now()
       WHERE id = $1 RETURNING ${ADDON_COLUMNS}`,
      [id, draft.name, draft.summary, draft.description, draft.kind, JSON.stringify(provision), draft.pricing, draft.amountMinor, draft.currency,
        JSON.stringify(draft.screenshots), JSON.stringify(draft.permissions), JSON.stringify(draft.allowedPlans)],
      em,
    );
    return addonOf(row);
  }

  async setStatus(em: EntityManager, id: string, status: AddonStatus): Promise<AddonRecord> {
    const [row] = await this.db.sql(
      `UPDATE marketplace_addons SET status = $2, updated_at = now(), published_at = CASE WHEN $2 = 'published' THEN coalesce(published_at, now()) ELSE published_at END
       WHERE id = $1 RETURNING ${ADDON_COLUMNS}`,
      [id, status],
      em,
    );
    return addonOf(row);
  }

  async remove(em: EntityManager, id: string): Promise<void> {
    await this.db.sql('DELETE FROM marketplace_addons WHERE id = $1', [id], em);
  }
}

/** The fields of a record a draft is made of (to merge a patch over). */
export function draftOf(addon: AddonRecord): AddonDraft {
  return {
    name: addon.name, summary: addon.summary, description: addon.description, kind: addon.kind, provision: addon.provision, pricing: addon.pricing,
    amountMinor: addon.amountMinor, currency: addon.currency, screenshots: addon.screenshots, permissions: addon.permissions, allowedPlans: addon.allowedPlans,
  };
}
