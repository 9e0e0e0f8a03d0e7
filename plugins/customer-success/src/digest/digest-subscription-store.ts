import type { Database } from '@platform/sdk';

export interface DigestSubscription {
  userId: string;
  email: string;
  timeZone: string;
  /** null: every section. */
  sections: string[] | null;
  enabled: boolean;
}

interface Row {
  user_id: string;
  email: string;
  time_zone: string;
  sections: string[] | null;
  enabled: boolean;
}
const toSubscription = (r: Row): DigestSubscription => ({ userId: r.user_id, email: r.email, timeZone: r.time_zone, sections: r.sections, enabled: r.enabled });

/** `customer_success_digest_subscriptions` and the once-per-day send claims (`customer_success_digest_sends`). */
export class DigestSubscriptionStore {
  constructor(private readonly db: Database) {}

  async get(userId: string): Promise<DigestSubscription | null> {
    const [row] = await this.db.sql<Row>(`SELECT * FROM customer_success_digest_subscriptions WHERE user_id = $1`, [userId], this.db.system());
    return row ? toSubscription(row) : null;
  }

  async put(s: DigestSubscription): Promise<DigestSubscription> {
    const [row] = await this.db.sql<Row>(
      `INSERT INTO customer_success_digest_subscriptions (user_id, email, time_zone, sections, enabled) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (user_id) DO UPDATE SET email = EXCLUDED.email, time_zone = EXCLUDED.time_zone, sections = EXCLUDED.sections,
         enabled = EXCLUDED.enabled, updated_at = now()
       RETURNING *`,
      [s.userId, s.email, s.timeZone, s.sections, s.enabled],
      this.db.system(),
    );
    return toSubscription(row);
  }

  async enabled(): Promise<DigestSubscription[]> {
    return (await this.db.sql<Row>(`SELECT * FROM customer_success_digest_subscriptions WHERE enabled ORDER BY user_id`, [], this.db.system())).map(toSubscription);
  }

  /** Claims the digest of a user and local date: true for exactly one caller across every instance. */
  async claim(userId: string, localDate: string): Promise<boolean> {
    const rows = await this.db.sql(
      `INSERT INTO customer_success_digest_sends (user_id, local_date) VALUES ($1, $2::date) ON CONFLICT DO NOTHING RETURNING user_id`,
      [userId, localDate],
      this.db.system(),
    );
    return rows.length === 1;
  }

  async markSent(userId: string, localDate: string, messageId: string): Promise<void> {
    await this.db.sql(`UPDATE customer_success_digest_sends SET message_id = $3 WHERE user_id = $1 AND local_date = $2::date`, [userId, localDate, messageId], this.db.system());
  }

  /** Gives a claim back when the send failed, so a later run retries it. */
  async release(userId: string, localDate: string): Promise<void> {
    await this.db.sql(`DELETE FROM customer_success_digest_sends WHERE user_id = $1 AND local_date = $2::date AND message_id IS NULL`, [userId, localDate], this.db.system());
  }
}
