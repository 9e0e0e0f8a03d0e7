import type { PluginContext } from '@platform/sdk';
import { MESSAGING_SERVICE, type MessageSender } from '@platform/sdk/messaging';
import { assembleDigest, type Digest } from './digest-assembler.ts';
import { dueDigestDate } from './digest-schedule.ts';
import type { DigestSubscriptionStore } from './digest-subscription-store.ts';
import { DIGEST_TEMPLATE_KEY } from './digest-template.ts';

function senderOf(ctx: PluginContext): MessageSender | null {
  try {
    return ctx.resolve<MessageSender>(MESSAGING_SERVICE);
  } catch {
    return null;
  }
}

export interface DigestRunResult {
  sent: number;
  failed: number;
}

/**
 * Sends the digest of every enabled recipient whose local time has reached 09:00 and who has not had today's.
 * Each (recipient, local date) is claimed first by a unique row, so two instances running this at the same time send
 * one email per recipient and day. A send that throws (messaging unreachable) gives its claim back, so the next run
 * retries it; the messaging idempotency key guards a crash between sending and recording.
 */
export async function sendDueDigests(ctx: PluginContext, store: DigestSubscriptionStore, now: Date): Promise<DigestRunResult> {
  const sender = senderOf(ctx);
  if (!sender) return { sent: 0, failed: 0 };
  const result: DigestRunResult = { sent: 0, failed: 0 };
  const digests = new Map<string, Promise<Digest>>();
  for (const sub of await store.enabled()) {
    const date = dueDigestDate(now, sub.timeZone);
    if (!date || !(await store.claim(sub.userId, date))) continue;
    const key = sub.sections === null ? '*' : [...sub.sections].sort().join(',');
    if (!digests.has(key)) digests.set(key, assembleDigest(ctx, now, sub.sections));
    try {
      const digest = await digests.get(key)!;
      const receipt = await sender.send({
        channel: 'email',
        tenantId: null,
        to: sub.email,
        template: DIGEST_TEMPLATE_KEY,
        data: { date, consoleUrl: ctx.kernel.baseUrl.replace(/\/$/, ''), sections: digest.sections.map(({ label, status, summary, items }) => ({ label, status, summary, items })) },
        idempotencyKey: `customer-success:digest:${sub.userId}:${date}`,
        purpose: 'digest',
      });
      // A failed delivery keeps its claim: messaging recorded it (with failover across providers) and the same
      // idempotency key would only answer that message again.
      await store.markSent(sub.userId, date, receipt.id);
      if (receipt.status === 'failed') result.failed++;
      else result.sent++;
    } catch (err) {
      result.failed++;
      ctx.logger.warn({ action: 'customer_success.digest_send_failed', userId: sub.userId, date, err }, 'daily digest not sent');
      await store.release(sub.userId, date);
    }
  }
  return result;
}

/** `customer-success.daily-digest`, every 15 minutes: sends the digests that are due. */
export function defineDailyDigestJob(ctx: PluginContext, store: DigestSubscriptionStore, clock: () => Date): void {
  ctx.jobs.define({
    name: 'daily-digest',
    cron: '*/15 * * * *',
    async handler() {
      const result = await sendDueDigests(ctx, store, clock());
      if (result.sent || result.failed) ctx.logger.info({ action: 'customer_success.daily_digest', ...result }, 'daily digests sent');
    },
  });
}
