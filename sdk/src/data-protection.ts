import type { EntityManager } from '@mikro-orm/core';

/**
 * Data declarations: what tenant data a plugin holds, which of it is personal, and what deleting it means.
 *
 * Every plugin lists, in its manifest's `data`, one declaration per table that holds tenant data. Backups,
 * restores, GDPR exports and GDPR deletion iterate over these declarations (never over a hand-kept list), and a
 * test fails when a tenant-scoped entity of a loaded plugin has none, so a new plugin cannot forget.
 *
 * ```ts
 * definePlugin({
 *   name: 'support',
 *   entities: [Ticket],
 *   data: [{
 *     table: 'support_tickets',
 *     subjects: [{ column: 'reporter_user_id', kind: 'user_id' }, { column: 'reporter_email', kind: 'email' }],
 *     personalFields: [{ column: 'reporter_email', category: 'contact' }, { column: 'body', category: 'tickets' }],
 *     deletion: { action: 'anonymize' },
 *   }],
 * });
 * ```
 */

/** What kind of personal data a column holds; GDPR exports are packaged per category. */
export type PersonalDataCategory = 'profile' | 'contact' | 'billing' | 'tickets' | 'activity' | 'content' | 'technical';

export interface PersonalField {
  /** Column name as in the database (snake_case). */
  column: string;
  category: PersonalDataCategory;
}

/** How a column identifies the person a row is about, so a GDPR request can find that person's rows. */
export interface DataSubjectColumn {
  column: string;
  kind: 'user_id' | 'email' | 'phone';
}

/**
 * What deleting a person's data means for this table:
 * - `delete`: the person's rows are deleted;
 * - `anonymize`: the rows stay (counts, totals) and every personal field is replaced (text by `[erased]`, the rest by NULL);
 * - `retain`: kept for `periodDays` under `legalBasis` (e.g. invoices under tax law), anonymized where possible, then deleted by retention.
 */
export type DeletionRule =
  | { action: 'delete' }
  | { action: 'anonymize' }
  | { action: 'retain'; legalBasis: string; periodDays: number };

export interface TenantDataDeclaration {
  /** Table name, with the plugin's prefix. */
  table: string;
  /** Column holding the tenant id. Default `tenant_id`. */
  tenantColumn?: string;
  /**
   * For a child table without a tenant column: the column pointing at a parent row that has one, e.g.
   * `{ column: 'message_id', parentTable: 'messaging_messages', parentColumn: 'id' }`. The parent must be declared too.
   * The row belongs to the parent's tenant (`tenantColumn` is then not used).
   */
  tenantVia?: { column: string; parentTable: string; parentColumn: string };
  /** Columns that point at the person a row is about. Empty or absent: rows are not about one person. */
  subjects?: DataSubjectColumn[];
  /** Personal-data columns with their category. Empty when the table holds no personal data. */
  personalFields: PersonalField[];
  deletion: DeletionRule;
  /** Whether the table's rows go into a GDPR export (default true when it has personal fields). */
  exported?: boolean;
  /** Columns never written into a GDPR export (password hashes, token hashes, sealed secrets). Backups keep them. */
  exportOmits?: string[];
  /**
   * The table's personal values are stored encrypted under a key per data subject (crypto-shredding), e.g. the
   * append-only audit: rows are never rewritten; deleting the person destroys their key and the values become unreadable.
   */
  cryptoShredded?: boolean;
  /** Why the table holds what it holds, for the data map and deletion previews (one sentence). */
  purpose?: string;
  /** Tables whose rows must be restored before this one's (foreign keys). */
  restoreAfter?: string[];
  /**
   * How a backup and its restore treat the table: `replace` deletes the tenant's rows and inserts the backed-up ones;
   * `append` only inserts the backed-up rows the tenant lacks and never deletes (append-only tables such as the audit);
   * `none` backs the rows up but never writes them back (the tenant row itself); `exclude` leaves the table out of
   * backups (e.g. the backups plugin's own records). Default: `none` for a table whose tenant column is its `id` (the
   * tenant row), `append` for a crypto-shredded (append-only) table, else `replace`.
   */
  restore?: 'replace' | 'append' | 'none' | 'exclude';
  /**
   * How rows backed up before one of this plugin's migrations changed the table are brought forward on restore, one
   * step per such migration. A restore applies, in migration order, the steps of the migrations applied since the
   * backup; a backed-up column that no longer exists and no step removes is refused (409), never half restored.
   */
  upgrades?: BackupRowUpgrade[];
}

/** One step of {@link TenantDataDeclaration.upgrades}. */
export interface BackupRowUpgrade {
  /** The plugin's migration (its name as applied, e.g. `0002_rename_title`) that changed the table. */
  migration: string;
  /**
   * A row taken before that migration, column name to text value (what the column's output function wrote; null for
   * NULL), answered as the migration would have left it: columns renamed, split, derived or dropped. Added columns
   * may be left out (they take their defaults). Must not throw for any row the old schema allowed.
   */
  upgrade(row: Record<string, string | null>): Record<string, string | null>;
}

/** A declaration as the kernel holds it: with the plugin that made it (`kernel` for the kernel's own tables). */
export interface DeclaredTenantData extends TenantDataDeclaration {
  plugin: string;
}

/** DI key of the {@link DataDeclarationRegistry} (`ctx.resolve<DataDeclarationRegistry>(DATA_DECLARATIONS)`), provided by the kernel. */
export const DATA_DECLARATIONS = 'kernel.data-declarations';

/** Every loaded declaration: the kernel's own, then each loaded plugin's, in load order. */
export interface DataDeclarationRegistry {
  list(): DeclaredTenantData[];
  /** The declaration of one table, or undefined when no loaded plugin declares it. */
  forTable(table: string): DeclaredTenantData | undefined;
  /** Declarations of one plugin (`kernel` for the kernel's tables). */
  forPlugin(plugin: string): DeclaredTenantData[];
  /** The categories some declared personal field uses, in a stable order. */
  categories(): PersonalDataCategory[];
}

/** The column holding a declaration's tenant id (`tenant_id` unless declared otherwise; null for a child table declared `tenantVia`). */
export function tenantColumnOf(declaration: TenantDataDeclaration): string | null {
  if (declaration.tenantVia) return null;
  return declaration.tenantColumn ?? 'tenant_id';
}

/** Whether a declaration's rows go into a GDPR export. */
export function isExported(declaration: TenantDataDeclaration): boolean {
  return declaration.exported ?? declaration.personalFields.length > 0;
}

/** Every column a declaration names (tenant column, parent link, subjects, personal fields, export omissions), for checks against the schema. */
export function declaredColumns(declaration: TenantDataDeclaration): string[] {
  const tenant = tenantColumnOf(declaration);
  return [
    ...new Set([
      ...(tenant ? [tenant] : []),
      ...(declaration.tenantVia ? [declaration.tenantVia.column] : []),
      ...(declaration.subjects ?? []).map((s) => s.column),
      ...declaration.personalFields.map((f) => f.column),
      ...(declaration.exportOmits ?? []),
    ]),
  ];
}

export function defineDataDeclarations(declarations: TenantDataDeclaration[]): TenantDataDeclaration[] {
  return declarations;
}

/** A person, as a GDPR request or a deletion names them: a user id, an email address or a phone number. */
export interface DataSubject {
  kind: DataSubjectColumn['kind'];
  value: string;
}

/** Shown by the audit API (and everything that reads audit through the kernel) in place of a value whose subject's key was destroyed. */
export const ERASED = '[erased]';

/** DI key of the {@link AuditSubjectKeys} (provided by the kernel). */
export const AUDIT_SUBJECT_KEYS = 'kernel.audit-subject-keys';

/**
 * Crypto-shredding of the append-only audit trail. Personal values in audit rows (actor emails, personal fields of
 * before/after snapshots) are encrypted with AES-256-GCM under a key per data subject and per tenant, kept outside the
 * audit table and wrapped by the platform key. Destroying a subject's keys makes those values unreadable wherever the
 * rows were copied (backups included); the audit API then shows {@link ERASED}.
 */
export interface AuditSubjectKeys {
  /**
   * Destroys the keys of these subjects: for the audit rows of one tenant (`tenantId`), of the platform level
   * (`tenantId: null`), or everywhere (no `tenantId`). Pass the caller's `em` to do it inside its transaction.
   * Resolves with the number of keys destroyed.
   */
  destroy(subjects: DataSubject[], options?: { tenantId?: string | null; em?: EntityManager }): Promise<number>;
  /** Destroys every key of one tenant's audit rows (a purge). */
  destroyTenant(tenantId: string, options?: { em?: EntityManager }): Promise<number>;
  /** How many live keys these subjects have (for previews), per the same scoping as `destroy`. */
  count(subjects: DataSubject[], options?: { tenantId?: string | null; em?: EntityManager }): Promise<number>;
}

/** A subject's value in one canonical spelling: emails lower-cased, phones without spaces or punctuation, ids trimmed. */
export function normalizeSubject(subject: DataSubject): DataSubject {
  const v = subject.value.trim();
  if (subject.kind === 'email') return { kind: 'email', value: v.toLowerCase() };
  if (subject.kind === 'phone') return { kind: 'phone', value: v.replace(/[\s().-]/g, '') };
  return { kind: subject.kind, value: v };
}
