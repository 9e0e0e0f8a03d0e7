import { randomUUID } from 'node:crypto';
import type { Database, EntityManager } from '@platform/sdk';

export interface CustomerNote {
  id: string;
  tenantId: string;
  userId: string | null;
  body: string;
  authorId: string | null;
  authorLabel: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ContactLogEntry {
  id: string;
  tenantId: string;
  channel: ContactChannel;
  summary: string;
  contactedAt: string;
  authorId: string | null;
  authorLabel: string | null;
  messageId: string | null;
  createdAt: string;
}

export const CONTACT_CHANNELS = ['email', 'phone', 'meeting', 'chat', 'other'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

export interface Author {
  id: string | null;
  label: string | null;
}

const iso = (v: unknown) => new Date(v as string).toISOString();
const noteOf = (r: any): CustomerNote => ({
  id: r.id, tenantId: r.tenant_id, userId: r.user_id ?? null, body: r.body, authorId: r.author_id ?? null, authorLabel: r.author_label ?? null,
  createdAt: iso(r.created_at), updatedAt: iso(r.updated_at),
});
const contactOf = (r: any): ContactLogEntry => ({
  id: r.id, tenantId: r.tenant_id, channel: r.channel, summary: r.summary, contactedAt: iso(r.contacted_at), authorId: r.author_id ?? null,
  authorLabel: r.author_label ?? null, messageId: r.message_id ?? null, createdAt: iso(r.created_at),
});

/** `customer_success_notes`, `customer_success_contacts` and `customer_success_tags`: every read and write names the tenant. */
export class CustomerNotesStore {
  constructor(private readonly db: Database) {}

  async notes(em: EntityManager, tenantId: string, opts: { userId?: string; limit?: number } = {}): Promise<CustomerNote[]> {
    const rows = await this.db.sql(
      `SELECT * FROM customer_success_notes WHERE tenant_id = $1 AND ($2::uuid IS NULL OR user_id = $2::uuid) ORDER BY created_at DESC, id LIMIT $3`,
      [tenantId, opts.userId ?? null, opts.limit ?? 200],
      em,
    );
    return rows.map(noteOf);
  }

  async note(em: EntityManager, tenantId: string, id: string): Promise<CustomerNote | null> {
    const [row] = await this.db.sql(`SELECT * FROM customer_success_notes WHERE tenant_id = $1 AND id = $2`, [tenantId, id], em);
    return row ? noteOf(row) : null;
  }

  async addNote(em: EntityManager, tenantId: string, input: { body: string; userId?: string | null }, by: Author): Promise<CustomerNote> {
    const [row] = await this.db.sql(
      `INSERT INTO customer_success_notes (id, tenant_id, user_id, body, author_id, author_label) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [randomUUID(), tenantId, input.userId ?? null, input.body, by.id, by.label],
      em,
    );
    return noteOf(row);
  }

  async updateNote(em: EntityManager, tenantId: string, id: string, body: string): Promise<CustomerNote | null> {
    const [row] = await this.db.sql(
      `UPDATE customer_success_notes SET body = $3, updated_at = now() WHERE tenant_id = $1 AND id = $2 RETURNING *`,
      [tenantId, id, body],
      em,
    );
    return row ? noteOf(row) : null;
  }

  async deleteNote(em: EntityManager, tenantId: string, id: string): Promise<CustomerNote | null> {
    const [row] = await this.db.sql(`DELETE FROM customer_success_notes WHERE tenant_id = $1 AND id = $2 RETURNING *`, [tenantId, id], em);
    return row ? noteOf(row) : null;
  }

  async contacts(em: EntityManager, tenantId: string, limit = 200): Promise<ContactLogEntry[]> {
    const rows = await this.db.sql(`SELECT * FROM customer_success_contacts WHERE tenant_id = $1 ORDER BY contacted_at DESC, id LIMIT $2`, [tenantId, limit], em);
    return rows.map(contactOf);
  }

  async logContact(em: EntityManager, tenantId: string, input: { channel: ContactChannel; summary: string; contactedAt: Date; messageId?: string | null }, by: Author): Promise<ContactLogEntry> {
    const [row] = await this.db.sql(
      `INSERT INTO customer_success_contacts (id, tenant_id, channel, summary, contacted_at, author_id, author_label, message_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
      [randomUUID(), tenantId, input.channel, input.summary, input.contactedAt, by.id, by.label, input.messageId ?? null],
      em,
    );
    return contactOf(row);
  }

  async tags(em: EntityManager, tenantId: string): Promise<string[]> {
    const rows = await this.db.sql<{ tag: string }>(`SELECT tag FROM customer_success_tags WHERE tenant_id = $1 ORDER BY tag`, [tenantId], em);
    return rows.map((r) => r.tag);
  }

  /** True when the tag was new. */
  async addTag(em: EntityManager, tenantId: string, tag: string, by: Author): Promise<boolean> {
    const rows = await this.db.sql(
      `INSERT INTO customer_success_tags (tenant_id, tag, author_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING tag`,
      [tenantId, tag, by.id],
      em,
    );
    return rows.length > 0;
  }

  /** True when the tag was there. */
  async removeTag(em: EntityManager, tenantId: string, tag: string): Promise<boolean> {
    const rows = await this.db.sql(`DELETE FROM customer_success_tags WHERE tenant_id = $1 AND tag = $2 RETURNING tag`, [tenantId, tag], em);
    return rows.length > 0;
  }
}
