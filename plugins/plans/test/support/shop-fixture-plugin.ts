import { randomUUID } from 'node:crypto';
import {
  consumeEntitlement,
  ENTITLEMENTS_SERVICE,
  requireEntitlement,
  USAGE_METERS,
  USAGE_SERVICE,
  type EntitlementChecker,
  type UsageRecorder,
} from '@platform/sdk/entitlements';
import { definePlugin, type PlatformReply, type PlatformRequest } from '@platform/sdk';

/** What the fixture resolved from DI, so tests can call the services directly. */
export const resolved: { usage?: UsageRecorder; entitlements?: EntitlementChecker } = {};

/**
 * A tiny plugin that uses plans only through the SDK, as any other plugin would: it opens "stores"
 * behind `requireEntitlement(..., 'stores', 1)`, gates a POS feature, and contributes its own meter.
 */
export const shopFixture = definePlugin({
  name: 'shop-fixture',
  version: '1.0.0',
  kernel: '^0.1.0',
  dependsOn: ['plans'],
  permissions: [{ key: 'shop.write', label: 'Open stores', scope: 'tenant', grantTo: ['admin', 'tenant_admin'] }],
  register(ctx) {
    ctx.extensions.contribute(USAGE_METERS, { key: 'shop.orders.monthly', label: 'Shop orders', unit: 'orders', resets: 'monthly' });
  },
  boot(ctx) {
    const entitlements = ctx.resolve<EntitlementChecker>(ENTITLEMENTS_SERVICE);
    const usage = ctx.resolve<UsageRecorder>(USAGE_SERVICE);
    resolved.usage = usage;
    resolved.entitlements = entitlements;
    ctx.routes.add({
      method: 'POST',
      url: '/stores',
      permission: 'shop.write',
      async handler(req: PlatformRequest, reply: PlatformReply) {
        const tenantId = req.ctx.requireTenant();
        await requireEntitlement(entitlements, tenantId, 'stores', 1);
        const id = randomUUID();
        await usage.record(tenantId, 'stores', 1, { idempotencyKey: `store:${id}` });
        reply.status(201);
        return { id };
      },
    });
    // The atomic form: check and record in one step, so concurrent requests cannot overshoot a hard limit.
    ctx.routes.add({
      method: 'POST',
      url: '/stores/atomic',
      permission: 'shop.write',
      async handler(req: PlatformRequest, reply: PlatformReply) {
        const id = randomUUID();
        await consumeEntitlement(usage, req.ctx.requireTenant(), 'stores', 1, { idempotencyKey: `store:${id}` });
        reply.status(201);
        return { id };
      },
    });
    ctx.routes.add({
      method: 'POST',
      url: '/pos/open',
      permission: 'shop.write',
      async handler(req: PlatformRequest) {
        await requireEntitlement(entitlements, req.ctx.requireTenant(), 'pos');
        return { opened: true };
      },
    });
  },
});
