import type { PluginContext } from '@platform/sdk';
import type { DeliveryUpdate } from '@platform/sdk/messaging';
import type { MessageStore } from '../messages/message-store.ts';
import { isStatusAdvance } from '../messages/delivery-status.ts';

export interface AppliedUpdates {
  /** Updates that changed a message's status or added to its history. */
  applied: number;
  /** Repeats of a status already recorded. */
  duplicates: number;
  /** About messages this configuration did not send (or not yet recorded as sent). */
  unknown: number;
}

const STATUSES = new Set(['queued', 'sent', 'delivered', 'failed', 'undelivered', 'bounced', 'complained', 'opened']);

/** Applies a provider's reported updates to the messages of one configuration: history appended once, status moved forward only. */
export class DeliveryUpdates {
  constructor(
    private readonly ctx: PluginContext,
    private readonly messages: MessageStore,
    private readonly clock: () => number,
  ) {}

  async apply(providerConfigId: string, updates: DeliveryUpdate[]): Promise<AppliedUpdates> {
    const out: AppliedUpdates = { applied: 0, duplicates: 0, unknown: 0 };
    for (const u of updates) {
      if (!u || typeof u.providerMessageId !== 'string' || !STATUSES.has(u.status)) {
        out.unknown += 1;
        continue;
      }
      await this.ctx.db.system().transactional(async (em) => {
        const m = await this.messages.findByProviderMessage(em, providerConfigId, u.providerMessageId);
        if (!m) {
          out.unknown += 1;
          return;
        }
        const at = new Date(this.clock()).toISOString();
        const providerAt = u.at && !Number.isNaN(Date.parse(u.at)) ? new Date(u.at).toISOString() : null;
        const reason = u.reason ? String(u.reason).slice(0, 500) : null;
        const added = await this.messages.addEvent(em, m.id, { status: u.status, source: 'callback', reason, providerAt }, at);
        if (!added) {
          out.duplicates += 1;
          return;
        }
        if (isStatusAdvance(m.status, u.status)) {
          const failed = u.status === 'failed' || u.status === 'undelivered' || u.status === 'bounced';
          await this.messages.setStatus(em, m.id, u.status, failed ? (reason ?? u.status) : null, at);
        }
        out.applied += 1;
      });
    }
    return out;
  }
}
