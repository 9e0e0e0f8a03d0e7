import { createHmac, timingSafeEqual } from 'node:crypto';
import { Secret, Type } from '@platform/sdk';
import { CallbackSignatureError, ProviderError } from '@platform/sdk/messaging';
import { definePaymentProvider, definePaymentProviderPlugin, type PaymentWebhookEvent } from '@platform/sdk/payments';
import { startFakeHttpServer } from '@platform/sdk/testing';

/**
 * A small payment provider for billing's tests ("fakepay"), written against definePaymentProvider like any provider
 * plugin, talking HTTP to a local fake of its API: POST /customers, POST /charges (card `decline` is refused),
 * POST /refunds; webhooks are JSON signed with HMAC-SHA256 of the body in `x-fakepay-signature`.
 */
export const fakePay = definePaymentProvider({
  id: 'fakepay',
  name: 'FakePay',
  configSchema: Type.Object({ baseUrl: Type.String(), apiKey: Secret(Type.String({ minLength: 4 })), webhookSecret: Secret(Type.String({ minLength: 4 })) }),
  async createCustomer(ctx, customer) {
    const res = await ctx.fetch(`${ctx.config.baseUrl}/customers`, { method: 'POST', headers: { authorization: `Bearer ${ctx.config.apiKey}`, 'content-type': 'application/json', 'idempotency-key': ctx.idempotencyKey }, body: JSON.stringify(customer) });
    if (!res.ok) throw new ProviderError(res.status === 401 ? 'auth' : 'unavailable', `customers: ${res.status}`, res.status);
    return { customerRef: ((await res.json()) as { id: string }).id };
  },
  async charge(ctx, charge) {
    const res = await ctx.fetch(`${ctx.config.baseUrl}/charges`, { method: 'POST', headers: { authorization: `Bearer ${ctx.config.apiKey}`, 'content-type': 'application/json', 'idempotency-key': ctx.idempotencyKey }, body: JSON.stringify(charge) });
    if (res.status >= 500) throw new ProviderError('unavailable', `charges: ${res.status}`, res.status);
    const body = (await res.json()) as { id: string; status: 'succeeded' | 'failed' | 'processing'; reason?: string };
    return { paymentRef: body.id, status: body.status, failureReason: body.reason };
  },
  async refund(ctx, refund) {
    const res = await ctx.fetch(`${ctx.config.baseUrl}/refunds`, { method: 'POST', headers: { authorization: `Bearer ${ctx.config.apiKey}`, 'content-type': 'application/json', 'idempotency-key': ctx.idempotencyKey }, body: JSON.stringify(refund) });
    const body = (await res.json()) as { id: string; status: 'succeeded' | 'pending' | 'failed' };
    return { refundRef: body.id, status: body.status };
  },
  parseWebhook(request, ctx) {
    const expected = createHmac('sha256', ctx.config.webhookSecret).update(request.rawBody).digest('hex');
    const given = request.headers['x-fakepay-signature'] ?? '';
    if (given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected))) throw new CallbackSignatureError();
    const body = JSON.parse(request.rawBody.toString('utf8')) as { id: string; type: string; charge: string; reason?: string };
    const type = body.type === 'charge.succeeded' ? 'payment.succeeded' : body.type === 'charge.failed' ? 'payment.failed' : null;
    const events: PaymentWebhookEvent[] = type ? [{ eventId: body.id, type, paymentRef: body.charge, failureReason: body.reason }] : [{ eventId: body.id, type: 'ignored', providerType: body.type }];
    return events;
  },
});

export const fakePayPlugin = definePaymentProviderPlugin(fakePay, { version: '1.0.0', kernel: '^0.1.0' });

export function signFakePay(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

/** The fake FakePay API: charges succeed, or are declined for `mode = 'decline'`, or stay processing for `'async'`. */
export async function startFakePayApi() {
  let n = 0;
  const state = { mode: 'succeed' as 'succeed' | 'decline' | 'async', charges: [] as any[] };
  const byKey = new Map<string, unknown>();
  const server = await startFakeHttpServer(async (req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.headers.authorization !== 'Bearer key_test') {
      res.statusCode = 401;
      return void res.end('{"error":"unauthorized"}');
    }
    const key = String(req.headers['idempotency-key'] ?? '');
    if (byKey.has(`${req.path}:${key}`)) return void res.end(JSON.stringify(byKey.get(`${req.path}:${key}`)));
    let body: unknown;
    if (req.path === '/customers') body = { id: `cus_${++n}` };
    else if (req.path === '/charges') {
      const charge = req.json<any>();
      state.charges.push(charge);
      body = state.mode === 'decline' ? { id: `ch_${++n}`, status: 'failed', reason: 'card_declined' } : { id: `ch_${++n}`, status: state.mode === 'async' ? 'processing' : 'succeeded' };
    } else if (req.path === '/refunds') body = { id: `re_${++n}`, status: 'succeeded' };
    else {
      res.statusCode = 404;
      return void res.end('{}');
    }
    byKey.set(`${req.path}:${key}`, body);
    res.end(JSON.stringify(body));
  });
  return { url: server.url, requests: server.requests, charges: state.charges, setMode: (m: 'succeed' | 'decline' | 'async') => void (state.mode = m), close: () => server.close() };
}
