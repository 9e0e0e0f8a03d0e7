import { Type, type PlatformRequest, type PluginContext } from '@platform/sdk';
import { BILLING_PERMISSIONS } from '../billing-permissions.ts';
import type { PaymentMethods } from './payment-methods.ts';

/** A provider's id of a saved method (`pm_...`, `AUTH_...`): no spaces, slashes or control characters. */
const PaymentMethodRef = Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_.=-]+$' });
const RefParams = Type.Object({ paymentMethodRef: PaymentMethodRef });

/**
 * A tenant admin's saved payment methods (own tenant; staff in a selected tenant), under `/api/billing`:
 * `GET /payment-methods`, `POST /payment-methods/setup` (the provider's client secret to collect a card),
 * `POST /payment-methods` (attach one, optionally as the default), `POST /payment-methods/:ref/default`,
 * `DELETE /payment-methods/:ref`.
 */
export function addPaymentMethodRoutes(ctx: PluginContext, methods: PaymentMethods): void {
  const audited = (req: PlatformRequest) => (entry: any, em: any) => req.ctx.audit(entry, em);
  const tags = ['billing'];

  ctx.routes.add({
    method: 'GET',
    url: '/payment-methods',
    permission: BILLING_PERMISSIONS.pay,
    schema: { summary: "The tenant's saved payment methods at the default payment provider: { supported, providerId, methods }", tags },
    handler: (req) => methods.list(req.ctx.requireTenant()),
  });

  ctx.routes.add({
    method: 'POST',
    url: '/payment-methods/setup',
    permission: BILLING_PERMISSIONS.pay,
    schema: { summary: "Start saving a payment method: the provider's client secret (Stripe.js confirms it in the browser)", tags },
    handler: (req) => methods.setup(req.ctx.requireTenant(), audited(req)),
  });

  ctx.routes.add({
    method: 'POST',
    url: '/payment-methods',
    permission: BILLING_PERMISSIONS.pay,
    schema: {
      summary: 'Attach a payment method the provider collected (the first one becomes the default)',
      tags,
      body: Type.Object({ paymentMethodRef: PaymentMethodRef, makeDefault: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
    },
    async handler(req, reply) {
      const body = req.body as { paymentMethodRef: string; makeDefault?: boolean };
      return reply.status(201).send(await methods.attach(req.ctx.requireTenant(), body.paymentMethodRef, !!body.makeDefault, audited(req)));
    },
  });

  ctx.routes.add({
    method: 'POST',
    url: '/payment-methods/:paymentMethodRef/default',
    permission: BILLING_PERMISSIONS.pay,
    schema: { summary: 'Make a saved payment method the one collections charge', tags, params: RefParams },
    handler: (req) => methods.setDefault(req.ctx.requireTenant(), (req.params as { paymentMethodRef: string }).paymentMethodRef, audited(req)),
  });

  ctx.routes.add({
    method: 'DELETE',
    url: '/payment-methods/:paymentMethodRef',
    permission: BILLING_PERMISSIONS.pay,
    schema: { summary: 'Remove a saved payment method (detached at the provider)', tags, params: RefParams },
    async handler(req, reply) {
      await methods.remove(req.ctx.requireTenant(), (req.params as { paymentMethodRef: string }).paymentMethodRef, audited(req));
      return reply.status(204).send();
    },
  });
}
