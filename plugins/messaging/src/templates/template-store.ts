import { randomUUID } from 'node:crypto';
import type { Database, EntityManager, FilterFields } from '@platform/sdk';
import type { MessageChannel } from '@platform/sdk/messaging';
import type { TemplateContent } from './template-content.ts';
import { templateRecordOf, versionRecordOf, type TemplateRecord, type TemplateVersionRecord } from './template-record.ts';
import type { TemplateVariable } from './template-variables.ts';

/**
 * SQL of templates and their versions. Every read takes a {@link TemplateVisibility}, turned into a
 * `tenant_id` condition here, so no query can forget it. The plugin reads with the system entity manager
 * (platform rows and tenant rows in one query); the condition is what isolates tenants.
 */

/** Whose templates a caller sees: the platform's always, plus those tenants' (null: every tenant's). */
export interface TemplateVisibility {
  tenants: readonly string[] | null;
}

const COLUMNS = `t.id, t.tenant_id, t.key, t.channel, t.description, t.variables, t.default_language, t.archived_at, t.created_by, t.created_at, t.updated_at,
  (t.tenant_id IS NOT NULL AND EXISTS (SELECT 1 FROM messaging_templates p WHERE p.tenant_id IS NULL AND p.archived_at IS NULL AND p.channel = t.channel AND p.key = t.key)) AS overrides_platform`;

function visibleCondition(visibility: TemplateVisibility, params: unknown[]): string {
  if (visibility.tenants === null) return 'TRUE';
  params.push(visibility.tenants);
  return `(t.tenant_id IS NULL OR t.tenant_id = ANY($${params.length}::uuid[]))`;
}

export async function findTemplate(db: Database, visibility: TemplateVisibility, id: string, em?: EntityManager): Promise<TemplateRecord | null> {
  const params: unknown[] = [id];
  const rows = await db.sql(`SELECT ${COLUMNS} FROM messaging_templates t WHERE t.id = $1 AND ${visibleCondition(visibility, params)}`, params, em);
  return rows[0] ? templateRecordOf(rows[0]) : null;
}

/** Locks the template row for a save (versions are numbered under it). */
export async function lockTemplate(db: Database, em: EntityManager, id: string): Promise<void> {
  await db.sql('SELECT id FROM messaging_templates WHERE id = $1 FOR UPDATE', [id], em);
}

/** The live template of `key` for a tenant: its own when it has one, else the platform's. */
export async function findTemplateForSending(db: Database, tenantId: string | null, channel: MessageChannel, key: string): Promise<TemplateRecord | null> {
  const rows = await db.sql(
    `SELECT ${COLUMNS} FROM messaging_templates t
     WHERE t.channel = $1 AND t.key = $2 AND t.archived_at IS NULL AND (t.tenant_id IS NULL OR t.tenant_id = $3::uuid)
     ORDER BY t.tenant_id NULLS LAST LIMIT 1`,
    [channel, key, tenantId],
  );
  return rows[0] ? templateRecordOf(rows[0]) : null;
}

/** The live platform template of `key`, if any. */
export async function findPlatformTemplate(db: Database, channel: MessageChannel, key: string, em?: EntityManager): Promise<TemplateRecord | null> {
  const rows = await db.sql(`SELECT ${COLUMNS} FROM messaging_templates t WHERE t.tenant_id IS NULL AND t.archived_at IS NULL AND t.channel = $1 AND t.key = $2`, [channel, key], em);
  return rows[0] ? templateRecordOf(rows[0]) : null;
}

export interface NewTemplate {
  tenantId: string | null;
  key: string;
  channel: MessageChannel;
  description: string;
  variables: TemplateVariable[];
  defaultLanguage: string;
  createdBy: string | null;
}

/** Inserts a template; null when a live one of that key and channel already exists for that owner. */
export async function insertTemplate(db: Database, em: EntityManager, t: NewTemplate): Promise<string | null> {
  const id = randomUUID();
  const rows = await db.sql(
    `INSERT INTO messaging_templates (id, tenant_id, key, channel, description, variables, default_language, created_by)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8) ON CONFLICT DO NOTHING RETURNING id`,
    [id, t.tenantId, t.key, t.channel, t.description, JSON.stringify(t.variables), t.defaultLanguage, t.createdBy],
    em,
  );
  return rows.length ? id : null;
}

export async function updateTemplateMeta(
  db: Database,
  em: EntityManager,
  id: string,
  patch: { description?: string; variables?: TemplateVariable[]; defaultLanguage?: string },
): Promise<void> {
  await db.sql(
    `UPDATE messaging_templates SET description = COALESCE($2, description), variables = COALESCE($3::jsonb, variables),
       default_language = COALESCE($4, default_language), updated_at = now() WHERE id = $1`,
    [id, patch.description ?? null, patch.variables ? JSON.stringify(patch.variables) : null, patch.defaultLanguage ?? null],
    em,
  );
}

export async function archiveTemplate(db: Database, em: EntityManager, id: string): Promise<void> {
  await db.sql('UPDATE messaging_templates SET archived_at = now(), updated_at = now() WHERE id = $1 AND archived_at IS NULL', [id], em);
}

/** Appends the next version of `language` (call under {@link lockTemplate}). */
export async function insertVersion(
  db: Database,
  em: EntityManager,
  template: { id: string; tenantId: string | null },
  language: string,
  content: TemplateContent,
  createdBy: string | null,
): Promise<TemplateVersionRecord> {
  const rows = await db.sql(
    `INSERT INTO messaging_template_versions (id, template_id, tenant_id, language, version, body, subject, html, text, partials, created_by)
     SELECT $1, $2, $3, $4, COALESCE(MAX(version), 0) + 1, $5, $6, $7, $8, $9::jsonb, $10 FROM messaging_template_versions WHERE template_id = $2 AND language = $4
     RETURNING *`,
    [randomUUID(), template.id, template.tenantId, language, content.body ?? null, content.subject ?? null, content.html ?? null, content.text ?? null, JSON.stringify(content.partials ?? {}), createdBy],
    em,
  );
  return versionRecordOf(rows[0]);
}

/** The current (newest) version of each language of each template. */
export async function currentVersions(db: Database, templateIds: readonly string[], em?: EntityManager): Promise<Map<string, Map<string, TemplateVersionRecord>>> {
  const out = new Map<string, Map<string, TemplateVersionRecord>>();
  if (templateIds.length === 0) return out;
  const rows = await db.sql(
    `SELECT DISTINCT ON (template_id, language) * FROM messaging_template_versions WHERE template_id = ANY($1::uuid[]) ORDER BY template_id, language, version DESC`,
    [templateIds],
    em,
  );
  for (const row of rows) {
    const v = versionRecordOf(row);
    if (!out.has(v.templateId)) out.set(v.templateId, new Map());
    out.get(v.templateId)!.set(v.language, v);
  }
  return out;
}

/** Every version of a template, newest first. */
export async function versionHistory(db: Database, templateId: string): Promise<TemplateVersionRecord[]> {
  const rows = await db.sql('SELECT * FROM messaging_template_versions WHERE template_id = $1 ORDER BY created_at DESC, language, version DESC', [templateId]);
  return rows.map(versionRecordOf);
}

export interface TemplateQuery {
  channel?: string | string[];
  key?: string | string[];
  /** `platform` or `tenant`. */
  scope?: 'platform' | 'tenant';
  tenantId?: string | string[];
  archived?: boolean;
  q?: string;
  id?: string | string[];
}

const SORTABLE: Record<string, string> = { key: 't.key', channel: 't.channel', createdAt: 't.created_at', updatedAt: 't.updated_at', defaultLanguage: 't.default_language' };
export const TEMPLATE_SORT_FIELDS = Object.keys(SORTABLE);
export const TEMPLATE_FILTER_FIELDS: FilterFields = { channel: 'string', key: 'string', scope: 'string', tenantId: 'uuid', archived: 'boolean', q: 'string', id: 'uuid' };

export async function listTemplates(
  db: Database,
  visibility: TemplateVisibility,
  query: TemplateQuery,
  page: { sort: { field: string; order: 'ASC' | 'DESC' } | null; offset: number; limit: number },
): Promise<{ rows: TemplateRecord[]; total: number }> {
  const params: unknown[] = [];
  const where = [visibleCondition(visibility, params)];
  const anyOf = (column: string, value: string | string[], cast = 'text') => {
    params.push(Array.isArray(value) ? value : [value]);
    where.push(`${column} = ANY($${params.length}::${cast}[])`);
  };
  if (query.channel !== undefined) anyOf('t.channel', query.channel);
  if (query.key !== undefined) anyOf('t.key', query.key);
  if (query.tenantId !== undefined) anyOf('t.tenant_id', query.tenantId, 'uuid');
  if (query.id !== undefined) anyOf('t.id', query.id, 'uuid');
  if (query.scope === 'platform') where.push('t.tenant_id IS NULL');
  if (query.scope === 'tenant') where.push('t.tenant_id IS NOT NULL');
  where.push(query.archived ? 't.archived_at IS NOT NULL' : 't.archived_at IS NULL');
  if (query.q) {
    params.push(`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(t.key ILIKE $${params.length} OR t.description ILIKE $${params.length})`);
  }
  const order = page.sort ? `${SORTABLE[page.sort.field]} ${page.sort.order}, t.id` : 't.key ASC, t.channel ASC, t.tenant_id NULLS FIRST, t.id';
  const condition = where.join(' AND ');
  const [{ total }] = await db.sql<{ total: string }>(`SELECT count(*) AS total FROM messaging_templates t WHERE ${condition}`, params);
  const rows = await db.sql(`SELECT ${COLUMNS} FROM messaging_templates t WHERE ${condition} ORDER BY ${order} LIMIT ${page.limit} OFFSET ${page.offset}`, params);
  return { rows: rows.map(templateRecordOf), total: Number(total) };
}

/** Marks a seed done; false when another instance (or an earlier boot) did. */
export async function claimSeed(db: Database, em: EntityManager, channel: MessageChannel, key: string): Promise<boolean> {
  const rows = await db.sql('INSERT INTO messaging_template_seeds (channel, key) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING key', [channel, key], em);
  return rows.length > 0;
}
