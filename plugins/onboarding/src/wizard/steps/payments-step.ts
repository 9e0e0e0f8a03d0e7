import { ProblemError, Type } from '@platform/sdk';
import { defineOnboardingStep } from '@platform/sdk/onboarding';
import type { ConnectionStore } from '../connections/connection-store.ts';

export const PAYMENTS_SCHEMA = Type.Object(
  {
    stripe: Type.Boolean(),
    wise: Type.Boolean(),
    wiseProfileId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
  },
  { additionalProperties: false },
);

/**
 * Step 3, payments: Stripe Connect (OAuth) and Wise (API token checked against its profiles). Conditional in the
 * seed: it may be skipped; saving checks that each provider chosen is connected (and Wise's profile is one of the token's).
 */
export function paymentsStep(connections: ConnectionStore) {
  return defineOnboardingStep({
    id: 'payments',
    order: 30,
    title: 'Configure payments',
    description: 'Connect Stripe and Wise to take payments and pay out',
    skippable: true,
    schema: PAYMENTS_SCHEMA,
    async check(call, answers) {
      const a = answers as { stripe: boolean; wise: boolean; wiseProfileId?: number | null };
      if (!a.stripe && !a.wise) throw new ProblemError(400, 'validation_failed', 'Choose Stripe, Wise or both (or skip this step)', { field: 'answers.stripe' });
      if (a.stripe && (await connections.find(call.tenantId, 'stripe'))?.status !== 'connected') throw new ProblemError(400, 'validation_failed', 'Connect your Stripe account first', { field: 'answers.stripe' });
      if (a.wise) {
        const wise = await connections.find(call.tenantId, 'wise');
        if (wise?.status !== 'connected') throw new ProblemError(400, 'validation_failed', 'Add a Wise API token first', { field: 'answers.wise' });
        const profiles = (wise.details.profiles as { id: number }[]) ?? [];
        if (!a.wiseProfileId || !profiles.some((p) => p.id === a.wiseProfileId)) throw new ProblemError(400, 'validation_failed', 'Choose one of the Wise profiles of this token', { field: 'answers.wiseProfileId' });
      }
      return { stripe: a.stripe, wise: a.wise, wiseProfileId: a.wise ? a.wiseProfileId : null };
    },
    async status(call) {
      const [stripe, wise] = await Promise.all([connections.find(call.tenantId, 'stripe'), connections.find(call.tenantId, 'wise')]);
      return {
        stripe: stripe ? { status: stripe.status, accountId: stripe.details.accountId ?? null, livemode: stripe.details.livemode ?? false } : null,
        wise: wise ? { status: wise.status, profiles: wise.details.profiles ?? [] } : null,
      };
    },
    async verify(call, answers) {
      if (!answers) return { ok: false, detail: 'Not configured' };
      const parts: string[] = [];
      let ok = true;
      if (answers.stripe) {
        const c = await connections.find(call.tenantId, 'stripe');
        ok &&= c?.status === 'connected';
        parts.push(c?.status === 'connected' ? `Stripe account ${String(c.details.accountId)}` : 'Stripe not connected');
      }
      if (answers.wise) {
        const c = await connections.find(call.tenantId, 'wise');
        ok &&= c?.status === 'connected';
        parts.push(c?.status === 'connected' ? `Wise profile ${String(answers.wiseProfileId)}` : 'Wise not connected');
      }
      return { ok, detail: parts.join('; ') };
    },
  });
}
