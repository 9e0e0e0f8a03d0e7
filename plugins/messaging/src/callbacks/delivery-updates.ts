import type { EntityManager, PluginContext } from '@platform/sdk';
import type { DeliveryStatus, DeliveryUpdate } from '@platform/sdk/messaging';
import type { MessageRecord, MessageStore } from '../messages/message-store.ts';
import { isStatusAdvance } from '../messages/delivery-status.ts';
import { GroupedStatement } from '../grouped-statement.ts';

export interface AppliedUpdates {
  /** Updates that changed a message's status or added to its history. */
  applied: number;
  /** Repeats of a status already recorded. */
  duplicates: number;
  /**
   * About no message of this configuration yet: kept, and applied when a send through this configuration
   * records that provider id (a callback can beat the provider's answer to the send).
   */
  pending: number;
  /** Not updates this plugin understands (an unknown status, no provider id). */
  ignored: number;
}

const STATUSES = new Set<string>(['queued', 'sent', 'delivered', 'failed', 'undelivered', 'bounced', 'complained', 'opened']);
const FAILED = new Set<string>(['failed', 'undelivered', 'bounced']);
/** How long a callback about no known message is kept. */
const PENDING_DAYS = 7;

interface Update {
  status: DeliveryStatus;
  reason: string | null;
  providerAt: string | null;
}

/** Applies a provider's reported updates to the messages of one configuration: history appended once, status moved forward only. */
export class DeliveryUpdates {
  constructor(
    private readonly ctx: PluginContext,
    private readonly messages: MessageStore,
    private readonly clock: () => number,
  ) {}

  async apply(providerConfigId: string, updates: DeliveryUpdate[]): Promise<AppliedUpdates> {
    const out: AppliedUpdates = { applied: 0, duplicates: 0, pending: 0, ignored: 0 };
    for (const u of updates) {
      if (!u || typeof u.providerMessageId !== 'string' || !u.providerMessageId || !STATUSES.has(u.status)) {
        out.ignored += 1;
        continue;
      }
      const update: Update = {
        status: u.status,
        reason: u.reason ? String(u.reason).slice(0, 500) : null,
        providerAt: u.at && !Number.isNaN(Date.parse(u.at)) ? new Date(u.at).toISOString() : null,
      };
      const kept = await this.ctx.db.system().transactional(async (em) => {
        await this.lockProviderMessage(em, providerConfigId, u.providerMessageId);
        const m = await this.messages.findByProviderMessage(em, providerConfigId, u.providerMessageId);
        if (!m) {
          await this.ctx.db.sql(
            `INSERT INTO messaging_pending_updates (provider_config_id, provider_message_id, status, reason, provider_at, received_at) VALUES ($1, $2, $3, $4, $5, $6)`,
            [providerConfigId, u.providerMessageId.slice(0, 500), update.status, update.reason, update.providerAt, this.now()],
            em,
          );
          return true;
        }
        if (await this.applyTo(em, m, update)) out.applied += 1;
        else out.duplicates += 1;
        return false;
      });
      if (!kept) continue;
      // Kept for a message not known yet. The send that records it may have looked for kept callbacks before this
      // one committed: look again now, after it (see settleEarly).
      if ((await this.applyWaiting(providerConfigId, u.providerMessageId.slice(0, 500))) > 0) out.applied += 1;
      else out.pending += 1;
    }
    await this.ctx.db.sql(`DELETE FROM messaging_pending_updates WHERE received_at < $1`, [new Date(this.clock() - PENDING_DAYS * 86_400_000).toISOString()]);
    return out;
  }

  /**
   * After a send's acceptance is committed (MessageStore.recordSent): the callbacks about that provider id that
   * arrived before it was known, applied to the message and removed. One read when there are none (nearly always).
   * No callback is left behind: this read starts after the send's commit, so a callback kept before it is seen
   * here, and one kept after it finds the message in its own re-check (see apply); when both see it, the
   * DELETE under the advisory lock gives it to one of them.
   */
  async settleEarly(providerConfigId: string, providerMessageId: string): Promise<number> {
    const waiting = await this.waitingChecks.run({ providerConfigId, providerMessageId });
    return waiting ? this.applyWaiting(providerConfigId, providerMessageId) : 0;
  }

  /** Whether callbacks wait for these provider ids: concurrent sends share the read (see GroupedStatement); each read starts after its send's commit. */
  private readonly waitingChecks = new GroupedStatement<{ providerConfigId: string; providerMessageId: string }, boolean>(async (ids) => {
    const rows = await this.ctx.db.sql<{ provider_config_id: string; provider_message_id: string }>(
      `SELECT DISTINCT p.provider_config_id::text, p.provider_message_id FROM messaging_pending_updates p
       JOIN jsonb_to_recordset($1::jsonb) AS i(provider_config_id uuid, provider_message_id text)
         ON p.provider_config_id = i.provider_config_id AND p.provider_message_id = i.provider_message_id`,
      [JSON.stringify(ids.map((i) => ({ provider_config_id: i.providerConfigId, provider_message_id: i.providerMessageId })))],
    );
    const waiting = new Set(rows.map((r) => `${r.provider_config_id} ${r.provider_message_id}`));
    return ids.map((i) => waiting.has(`${i.providerConfigId} ${i.providerMessageId}`));
  });

  /**
   * Kept callbacks whose message is known by now but that nobody applied (the sending process died between
   * recording the provider's answer and {@link settleEarly}): applied, up to 100 provider ids a call. The
   * stale-message sweep runs it every minute. Returns how many updates it applied.
   */
  async settleLeftBehind(): Promise<number> {
    const ids = await this.ctx.db.sql<{ configId: string; providerMessageId: string }>(
      `SELECT DISTINCT p.provider_config_id AS "configId", p.provider_message_id AS "providerMessageId"
         FROM messaging_pending_updates p JOIN messaging_messages m ON m.provider_config_id = p.provider_config_id AND m.provider_message_id = p.provider_message_id
        LIMIT 100`,
      [],
    );
    let applied = 0;
    for (const r of ids) applied += await this.applyWaiting(r.configId, r.providerMessageId);
    return applied;
  }

  /** The kept callbacks about a provider id, applied to its message in arrival order and removed (none while it has no message). */
  private applyWaiting(providerConfigId: string, providerMessageId: string): Promise<number> {
    return this.ctx.db.system().transactional(async (em) => {
      await this.lockProviderMessage(em, providerConfigId, providerMessageId);
      const known = await this.messages.findByProviderMessage(em, providerConfigId, providerMessageId);
      if (!known) return 0;
      const rows = await this.ctx.db.sql<{ id: string; status: DeliveryStatus; reason: string | null; providerAt: string | null }>(
        `DELETE FROM messaging_pending_updates WHERE provider_config_id = $1 AND provider_message_id = $2 RETURNING id, status, reason, provider_at AS "providerAt"`,
        [providerConfigId, providerMessageId],
        em,
      );
      let applied = 0;
      for (const r of rows.sort((a, b) => Number(a.id) - Number(b.id))) {
        const m = (await this.messages.find(known.id, em, true))!;
        if (await this.applyTo(em, m, { status: r.status, reason: r.reason, providerAt: r.providerAt ? new Date(r.providerAt).toISOString() : null })) applied += 1;
      }
      return applied;
    });
  }

  /**
   * Serialises a callback's "no message yet, keep it" with the send recording that provider id: whichever
   * commits second sees the other's rows (each statement after the lock reads what was committed before it).
   */
  private async lockProviderMessage(em: EntityManager, providerConfigId: string, providerMessageId: string): Promise<void> {
    await this.ctx.db.sql(`SELECT pg_advisory_xact_lock(hashtextextended($1, 7411))`, [`messaging:${providerConfigId}:${providerMessageId}`], em);
  }

  /** Appends the update to the history (false: already there) and moves the status forward when it is further along. */
  private async applyTo(em: EntityManager, m: MessageRecord, u: Update): Promise<boolean> {
    const at = this.now();
    if (!(await this.messages.addEvent(em, m.id, { status: u.status, source: 'callback', reason: u.reason, providerAt: u.providerAt }, at))) return false;
    if (isStatusAdvance(m.status, u.status)) await this.messages.setStatus(em, m.id, u.status, FAILED.has(u.status) ? (u.reason ?? u.status) : null, at);
    return true;
  }

  private now(): string {
    return new Date(this.clock()).toISOString();
  }
}
