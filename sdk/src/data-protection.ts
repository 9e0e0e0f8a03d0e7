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
  /** Columns that point at the person a row is about. Empty or absent: rows are not about one person. */
  subjects?: DataSubjectColumn[];
  /** Personal-data columns with their category. Empty when the table holds no personal data. */
  personalFields: PersonalField[];
  deletion: DeletionRule;
  /** Whether the table's rows go into a GDPR export (default true when it has personal fields). */
  exported?: boolean;
  /** Tables whose rows must be restored before this one's (foreign keys). */
  restoreAfter?: string[];
}

export function defineDataDeclarations(declarations: TenantDataDeclaration[]): TenantDataDeclaration[] {
  return declarations;
}
