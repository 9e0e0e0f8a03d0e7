import { definePlugin, problems, type Database, type PlatformReply, type PlatformRequest } from '@platform/sdk';
import { CREDIT_RESERVATIONS_SERVICE, type CreditReservations } from '../../src/credits/credit-reservations.ts';
import type { CreditsLowEvent } from '../../src/credits/credit-events.ts';

/** What the fixture saw: the `messaging.credits_low` events its durable subscriber received. */
export const seen: { low: CreditsLowEvent[] } = { low: [] };

/** The service as the fixture resolved it from DI, and its database, for tests calling it directly. */
export const resolved: { reservations?: CreditReservations; db?: Database } = {};

/**
 * A stand-in for sending, as it will use the ledger: reserve in one transaction, "call the provider",
 * then consume (provider accepted) or refund (provider rejected) in another. POST /api/credit-fixture/send
 * `{ messageId, segments, reject?, counted? }` → 201, or the ledger's 402 `insufficient_credits`.
 */
export const creditFixture = definePlugin({
  name: 'credit-fixture',
  version: '1.0.0',
  kernel: '^0.1.0',
  dependsOn: ['messaging'],
  permissions: [{ key: 'credit-fixture.send', label: 'Send test messages', scope: 'tenant', grantTo: ['admin', 'tenant_admin'] }],
  boot(ctx) {
    const reservations = ctx.resolve<CreditReservations>(CREDIT_RESERVATIONS_SERVICE);
    resolved.reservations = reservations;
    resolved.db = ctx.db;
    ctx.events.subscribe('credit-fixture.low', 'messaging.credits_low', (payload) => {
      seen.low.push(payload as CreditsLowEvent);
    });
    ctx.routes.add({
      method: 'POST',
      url: '/send',
      permission: 'credit-fixture.send',
      async handler(req: PlatformRequest, reply: PlatformReply) {
        const tenantId = req.ctx.requireTenant();
        const body = (req.body ?? {}) as { messageId?: string; segments?: number; reject?: boolean; counted?: number; refundTwice?: boolean };
        if (!body.messageId) throw problems.validation('messageId', 'messageId is required');
        const db = ctx.db.forTenant(tenantId);
        await db.transactional((em) => reservations.reserve(em, tenantId, body.segments ?? 1, body.messageId!));
        if (body.reject) {
          await db.transactional((em) => reservations.refund(em, tenantId, body.messageId!, 'provider rejected the message'));
          if (body.refundTwice) await db.transactional((em) => reservations.refund(em, tenantId, body.messageId!, 'provider rejected the message'));
        } else {
          await db.transactional((em) => reservations.consume(em, tenantId, body.messageId!, body.counted));
        }
        reply.status(201);
        return { messageId: body.messageId };
      },
    });
  },
});
