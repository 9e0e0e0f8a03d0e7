// `create-plugin payment-provider <name>`: one payment provider for the billing plugin, and its contract test against a fake API.
export const paymentProviderTemplate = ({ id, title, camel }) => ({
  'src/index.ts': `import { createHmac, timingSafeEqual } from 'node:crypto';
import { Secret, Type, type Static } from '@platform/sdk';
import { CallbackSignatureError, providerErrorFromResponse } from '@platform/sdk/messaging';
import { definePaymentProvider, definePaymentProviderPlugin, type PaymentProviderContext, type PaymentWebhookEvent } from '@platform/sdk/payments';

const configSchema = Type.Object({
  baseUrl: Type.String({ pattern: '^https?://\\\\S+$', default: 'https://api.${id}.example' }),
  secretKey: Secret(Type.String({ minLength: 1 })),
  webhookSecret: Secret(Type.String({ minLength: 1 })),
});

type Context = PaymentProviderContext<Static<typeof configSchema>>;

/** POSTs JSON with the bearer key and the call's idempotency key (a retry must not charge twice). */
async function post<T>(ctx: Context, path: string, body: unknown): Promise<T> {
  const res = await ctx.fetch(\`\${ctx.config.baseUrl}\${path}\`, {
    method: 'POST',
    headers: { authorization: \`Bearer \${ctx.config.secretKey}\`, 'content-type': 'application/json', 'idempotency-key': ctx.idempotencyKey },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw await providerErrorFromResponse(res);
  return (await res.json()) as T;
}

/** ${title}: customers, charges on a saved payment method, refunds; webhooks signed with HMAC-SHA256. */
export const ${camel}Payments = definePaymentProvider({
  id: '${id}',
  name: '${title}',
  configSchema,
  async createCustomer(ctx, customer) {
    const body = await post<{ id: string }>(ctx, '/v1/customers', { name: customer.name, email: customer.email, tenant_id: customer.tenantId });
    return { customerRef: body.id };
  },
  async charge(ctx, charge) {
    const body = await post<{ id: string; status: 'succeeded' | 'pending' | 'failed'; failure_message?: string }>(ctx, '/v1/charges', {
      customer: charge.customerRef,
      payment_method: charge.paymentMethodRef,
      amount: charge.amountMinor,
      currency: charge.currency,
      reference: charge.reference,
    });
    if (body.status === 'failed') return { paymentRef: body.id, status: 'failed', failureReason: body.failure_message ?? 'declined' };
    return { paymentRef: body.id, status: body.status === 'pending' ? 'processing' : 'succeeded' };
  },
  async refund(ctx, refund) {
    const body = await post<{ id: string; status: 'succeeded' | 'pending' | 'failed' }>(ctx, '/v1/refunds', { payment: refund.paymentRef, amount: refund.amountMinor, currency: refund.currency, reason: refund.reason });
    return { refundRef: body.id, status: body.status };
  },
  parseWebhook(req, ctx): PaymentWebhookEvent[] {
    const given = Buffer.from(req.headers['x-${id}-signature'] ?? '', 'hex');
    const expected = createHmac('sha256', ctx.config.webhookSecret).update(req.rawBody).digest();
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new CallbackSignatureError();
    const event = JSON.parse(req.rawBody.toString('utf8')) as { id: string; type: string; payment: string; reference?: string };
    if (event.type === 'charge.succeeded') return [{ eventId: event.id, type: 'payment.succeeded', paymentRef: event.payment, reference: event.reference }];
    if (event.type === 'charge.failed') return [{ eventId: event.id, type: 'payment.failed', paymentRef: event.payment, reference: event.reference }];
    return [{ eventId: event.id, type: 'ignored', providerType: event.type }];
  },
});

export default definePaymentProviderPlugin(${camel}Payments, { version: '0.1.0', kernel: '^0.1.0' });
`,
  'test/provider.test.ts': `import { createHmac } from 'node:crypto';
import { expect, it } from 'vitest';
import { callThroughFake, describePaymentProviderContract, EXAMPLE_IDEMPOTENCY_KEY, examplePaymentCharge, type FakeHandler } from '@platform/testing';
import { ${camel}Payments } from '../src/index.ts';

const refuse: FakeHandler = (_req, res) => {
  res.statusCode = 401;
  res.end('{"error":"bad key"}');
};
/** The API for the key k-1; \`chargeStatus\` is how charges end. */
const api = (chargeStatus: 'succeeded' | 'failed'): FakeHandler => (req, res) => {
  if (req.headers.authorization !== 'Bearer k-1') return refuse(req, res);
  res.setHeader('content-type', 'application/json');
  if (req.path === '/v1/customers') return void res.end('{"id":"cus-1"}');
  if (req.path === '/v1/charges') return void res.end(JSON.stringify({ id: 'ch-1', status: chargeStatus, failure_message: chargeStatus === 'failed' ? 'insufficient funds' : undefined }));
  if (req.path === '/v1/refunds') return void res.end('{"id":"re-1","status":"pending"}');
  res.statusCode = 404;
  res.end('{"error":"not found"}');
};
const signedWebhook = (secret: string, url: string, event: object) => {
  const rawBody = Buffer.from(JSON.stringify(event));
  return { method: 'POST', url, rawBody, headers: { 'x-${id}-signature': createHmac('sha256', secret).update(rawBody).digest('hex') } };
};

const contract = {
  provider: ${camel}Payments,
  configFor: (baseUrl: string) => ({ baseUrl, secretKey: 'k-1', webhookSecret: 'whsec-1' }),
  fake: { healthy: api('succeeded'), declined: api('failed'), wrongCredentials: refuse },
  webhooks: {
    signatureHeader: 'x-${id}-signature',
    cases: [
      {
        name: 'charge.succeeded',
        signed: (config: { webhookSecret: string }, url: string) => signedWebhook(config.webhookSecret, url, { id: 'evt-1', type: 'charge.succeeded', payment: 'ch-1', reference: 'inv-1' }),
        expected: [{ eventId: 'evt-1', type: 'payment.succeeded' as const, paymentRef: 'ch-1', reference: 'inv-1' }],
      },
    ],
  },
};

// Customer, charge (success, decline), refused credentials, 5xx, refused connection, timeout, refund,
// and signed / forged webhooks.
describePaymentProviderContract(contract);

it('charges the saved payment method with the amount in minor units and the idempotency key', async () => {
  const { request } = await callThroughFake(contract, { type: 'charge', charge: examplePaymentCharge() }, api('succeeded'));
  expect(request).toMatchObject({ method: 'POST', path: '/v1/charges', headers: { authorization: 'Bearer k-1', 'idempotency-key': EXAMPLE_IDEMPOTENCY_KEY } });
  expect(request!.json()).toEqual({ customer: 'cus_example', payment_method: 'pm_example', amount: 2500000, currency: 'NGN', reference: 'inv_7d1e6a52' });
});
`,
});
