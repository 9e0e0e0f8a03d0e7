import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Secret, Type, type PluginContext } from '../src/index.ts';
import { CallbackSignatureError, ProviderError, type ProviderCallbackRequest } from '../src/entries/messaging.ts';
import {
  attemptPaymentCall,
  definePaymentProvider,
  definePaymentProviderPlugin,
  parsePaymentWebhook,
  PAYMENT_PROVIDERS,
  resolvePaymentProviderConfig,
  type PaymentCharge,
  type PaymentProviderContext,
  type PaymentProviderDefinition,
} from '../src/entries/payments.ts';

const SECRET = 'sk_test_4eC39HqLyjWDarjtT1zdp7dc';
const configSchema = Type.Object({
  baseUrl: Type.String({ default: 'http://127.0.0.1:9' }),
  secretKey: Secret(Type.String({ minLength: 1 })),
  webhookSecret: Secret(Type.String({ minLength: 1 })),
});
type Config = typeof configSchema;

const charge: PaymentCharge = { customerRef: 'cus_1', amountMinor: 1999, currency: 'USD', description: 'Invoice INV-1', reference: 'inv-1' };
const options = { idempotencyKey: 'pay-1', webhookUrl: 'https://platform.example.test/api/billing/webhooks/cfg-1' };
const config = { secretKey: SECRET, webhookSecret: 'whsec_abcdef' };

/** A provider whose every operation is `impl` (recording the contexts it was given). */
function providerWith(impl: (ctx: PaymentProviderContext<any>) => Promise<unknown>, extra: Partial<PaymentProviderDefinition<Config>> = {}) {
  const seen: PaymentProviderContext<any>[] = [];
  const run = async (ctx: PaymentProviderContext<any>) => {
    seen.push(ctx);
    return impl(ctx) as Promise<any>;
  };
  const provider = definePaymentProvider({
    id: 'acme-pay',
    name: 'Acme Pay',
    configSchema,
    createCustomer: run,
    charge: run,
    refund: run,
    testConnection: run,
    parseWebhook: () => [],
    ...extra,
  });
  return { provider, seen };
}

describe('definePaymentProvider', () => {
  it('refuses an id that is not kebab-case and a currency that is not an upper-case ISO-4217 code', () => {
    const base = { name: 'X', configSchema, createCustomer: async () => ({ customerRef: 'c' }), charge: async () => ({ paymentRef: 'p', status: 'succeeded' as const }), refund: async () => ({ refundRef: 'r', status: 'succeeded' as const }), parseWebhook: () => [] };
    expect(() => definePaymentProvider({ ...base, id: 'Acme_Pay' })).toThrow(/kebab-case/);
    expect(() => definePaymentProvider({ ...base, id: 'acme', currencies: ['NGN', 'usd'] })).toThrow(/"usd"/);
    expect(definePaymentProvider({ ...base, id: 'acme', currencies: ['NGN', 'USD'] }).id).toBe('acme');
  });
});

describe('definePaymentProviderPlugin', () => {
  const { provider } = providerWith(async () => ({}));

  it('names the plugin payment-<id>, depends on billing, keeps the provider', () => {
    const p = definePaymentProviderPlugin(provider, { version: '1.0.0', kernel: '^0.1.0' });
    expect(p).toMatchObject({ name: 'payment-acme-pay', version: '1.0.0', description: 'Payment provider: Acme Pay', dependsOn: ['billing'] });
    expect(p.provider).toBe(provider);
    expect(definePaymentProviderPlugin(provider, { name: 'acme', version: '1.0.0', kernel: '^0.1.0', dependsOn: ['messaging'] }).dependsOn).toEqual(['billing', 'messaging']);
    expect(definePaymentProviderPlugin(provider, { version: '1.0.0', kernel: '^0.1.0', dependsOn: ['plans', 'billing'] }).dependsOn).toEqual(['plans', 'billing']);
  });

  it('boot contributes the provider to PAYMENT_PROVIDERS, then runs the plugin\'s own boot', async () => {
    const log: string[] = [];
    const contributed: unknown[] = [];
    const ctx = {
      plugin: { name: 'payment-acme-pay' },
      extensions: { contribute: (point: { id: string }, value: unknown) => (log.push(`contribute ${point.id}`), contributed.push(value)) },
    } as unknown as PluginContext;
    const p = definePaymentProviderPlugin(provider, { version: '1.0.0', kernel: '^0.1.0', boot: () => void log.push('own boot') });
    await p.boot!(ctx);
    expect(log).toEqual([`contribute ${PAYMENT_PROVIDERS.id}`, 'own boot']);
    expect(contributed).toEqual([{ provider, plugin: 'payment-acme-pay' }]);
  });
});

describe('resolvePaymentProviderConfig', () => {
  it('applies defaults and names the first missing field', () => {
    const { provider } = providerWith(async () => ({}));
    expect(resolvePaymentProviderConfig(provider, config)).toEqual({ ok: true, config: { ...config, baseUrl: 'http://127.0.0.1:9' } });
    expect(resolvePaymentProviderConfig(provider, { secretKey: SECRET })).toMatchObject({ ok: false, field: 'webhookSecret', problem: 'setting "webhookSecret" is not set' });
  });
});

describe('attemptPaymentCall', () => {
  let server: Server;
  let url: string;
  const received: { path: string; key: string | undefined }[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      received.push({ path: req.url ?? '', key: req.headers['idempotency-key'] as string | undefined });
      if (req.url === '/silent') return; // never answers
      res.setHeader('content-type', 'application/json');
      res.end('{"id":"pi_1","status":"succeeded"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('calls the operation with the resolved configuration, the idempotency key, the webhook URL and a bound fetch', async () => {
    const { provider, seen } = providerWith(async (ctx) => {
      const res = await ctx.fetch(`${ctx.config.baseUrl}/charges`, { method: 'POST', headers: { 'idempotency-key': ctx.idempotencyKey } });
      const body = (await res.json()) as { id: string; status: string };
      return { paymentRef: body.id, status: body.status };
    });
    const attempt = await attemptPaymentCall(provider, { ...config, baseUrl: url }, { type: 'charge', charge }, options);
    expect(attempt).toEqual({ ok: true, value: { paymentRef: 'pi_1', status: 'succeeded' } });
    expect(seen[0]).toMatchObject({ config: { ...config, baseUrl: url }, idempotencyKey: 'pay-1', callbackUrl: options.webhookUrl, timeoutMs: 10_000 });
    expect(received.at(-1)).toEqual({ path: '/charges', key: 'pay-1' });
  });

  it('refuses amounts that are not positive integers and currencies that are unknown or not taken, without calling the provider', async () => {
    const { provider, seen } = providerWith(async () => ({ paymentRef: 'p', status: 'succeeded' }), { currencies: ['NGN', 'USD'] });
    const cases: [Partial<PaymentCharge>, RegExp][] = [
      [{ amountMinor: 19.99 }, /positive integer/],
      [{ amountMinor: -5 }, /positive integer/],
      [{ amountMinor: 0 }, /positive integer/],
      [{ amountMinor: Number.MAX_SAFE_INTEGER + 2 }, /positive integer/],
      [{ currency: 'usd' }, /ISO-4217/],
      [{ currency: 'XXY' }, /ISO-4217/],
      [{ currency: 'EUR' }, /does not take EUR/],
      [{ customerRef: '' }, /customerRef/],
    ];
    for (const [change, message] of cases) {
      const attempt = await attemptPaymentCall(provider, config, { type: 'charge', charge: { ...charge, ...change } }, options);
      expect(attempt.ok ? 'accepted' : attempt.error.kind, JSON.stringify(change)).toBe('rejected');
      if (!attempt.ok) expect(attempt.error.message).toMatch(message);
    }
    const refund = await attemptPaymentCall(provider, config, { type: 'refund', refund: { paymentRef: 'p', amountMinor: 1.5, currency: 'USD', reason: 'r', reference: 'cn-1' } }, options);
    expect(refund.ok ? 'accepted' : refund.error.kind).toBe('rejected');
    expect(seen).toHaveLength(0);
  });

  it('a configuration missing a field is an auth failure naming it, without calling the provider', async () => {
    const { provider, seen } = providerWith(async () => ({ customerRef: 'c' }));
    const attempt = await attemptPaymentCall(provider, { secretKey: SECRET }, { type: 'createCustomer', customer: { tenantId: 't', name: 'Acme', email: null } }, options);
    expect(attempt.ok ? null : [attempt.error.kind, attempt.error.message]).toEqual(['auth', 'not configured: setting "webhookSecret" is not set']);
    expect(seen).toHaveLength(0);
  });

  it('keeps a ProviderError\'s kind, status and code, with the secrets scrubbed from its message', async () => {
    const { provider } = providerWith(async () => {
      throw new ProviderError('rejected', `card declined for key ${SECRET}`, 402, 'card_declined');
    });
    const attempt = await attemptPaymentCall(provider, config, { type: 'charge', charge }, options);
    expect(attempt.ok).toBe(false);
    if (attempt.ok) return;
    expect(attempt.error).toMatchObject({ kind: 'rejected', status: 402, providerCode: 'card_declined', message: 'card declined for key [redacted]' });
    expect(attempt.error.failover).toBe(false);
  });

  it('any other throw is unavailable; a refused connection too', async () => {
    const { provider: throwing } = providerWith(async () => {
      throw new TypeError(`boom ${SECRET}`);
    });
    const thrown = await attemptPaymentCall(throwing, config, { type: 'refund', refund: { paymentRef: 'p', amountMinor: 100, currency: 'USD', reason: 'r', reference: 'cn-1' } }, options);
    expect(thrown.ok ? null : thrown.error.kind).toBe('unavailable');
    expect(thrown.ok ? '' : thrown.error.message).not.toContain(SECRET);

    const { provider: fetching } = providerWith(async (ctx) => ctx.fetch(`${ctx.config.baseUrl}/customers`));
    const refused = await attemptPaymentCall(fetching, config, { type: 'createCustomer', customer: { tenantId: 't', name: 'Acme', email: null } }, options);
    expect(refused.ok ? null : refused.error.kind).toBe('unavailable');
  });

  it('no answer within the timeout is a timeout, and the bound fetch is aborted', async () => {
    const { provider } = providerWith(async (ctx) => ctx.fetch(`${ctx.config.baseUrl}/silent`));
    const attempt = await attemptPaymentCall(provider, { ...config, baseUrl: url }, { type: 'charge', charge }, { ...options, timeoutMs: 100 });
    expect(attempt.ok ? null : attempt.error.kind).toBe('timeout');
    expect(attempt.ok ? '' : attempt.error.message).toMatch(/timed out after 100 ms/);
    // Code that ignores its signal is not waited for either.
    const { provider: stuck } = providerWith(() => new Promise(() => undefined));
    const stuckAttempt = await attemptPaymentCall(stuck, config, { type: 'testConnection' }, { ...options, timeoutMs: 50 });
    expect(stuckAttempt.ok ? null : stuckAttempt.error.kind).toBe('timeout');
  });

  it('an answer billing cannot record is unavailable', async () => {
    const answers: [unknown, RegExp][] = [
      [{ paymentRef: '', status: 'succeeded' }, /no paymentRef/],
      [{ paymentRef: 'pi_1', status: 'paid' }, /unknown status "paid"/],
      [undefined, /no paymentRef/],
    ];
    for (const [answer, message] of answers) {
      const { provider } = providerWith(async () => answer);
      const attempt = await attemptPaymentCall(provider, config, { type: 'charge', charge }, options);
      expect(attempt.ok ? null : attempt.error.kind).toBe('unavailable');
      expect(attempt.ok ? '' : attempt.error.message).toMatch(message);
    }
    const { provider } = providerWith(async () => ({ refundRef: 're_1', status: 'done' }));
    const refund = await attemptPaymentCall(provider, config, { type: 'refund', refund: { paymentRef: 'p', amountMinor: 100, currency: 'USD', reason: 'r', reference: 'cn-1' } }, options);
    expect(refund.ok ? null : refund.error.message).toMatch(/unknown status "done"/);
  });

  it('a provider without testConnection cannot test its connection', async () => {
    const { provider } = providerWith(async () => ({}), { testConnection: undefined });
    const attempt = await attemptPaymentCall(provider, config, { type: 'testConnection' }, options);
    expect(attempt.ok ? null : [attempt.error.kind, attempt.error.message]).toEqual(['rejected', 'This provider cannot test its connection']);
  });
});

describe('parsePaymentWebhook', () => {
  const request: ProviderCallbackRequest = { method: 'POST', url: options.webhookUrl, headers: {}, rawBody: Buffer.from('{}') };

  it('returns the events; a signature error is 401, any other refusal 400, a bad configuration 400', async () => {
    const events = [{ eventId: 'evt_1', type: 'payment.succeeded' as const, paymentRef: 'pi_1' }];
    const ok = providerWith(async () => ({}), { parseWebhook: (_req, ctx) => (ctx.config.webhookSecret === 'whsec_abcdef' ? events : []) }).provider;
    expect(await parsePaymentWebhook(ok, config, request, options.webhookUrl)).toEqual({ ok: true, events });

    const forged = providerWith(async () => ({}), { parseWebhook: () => { throw new CallbackSignatureError('bad signature'); } }).provider;
    expect(await parsePaymentWebhook(forged, config, request, options.webhookUrl)).toEqual({ ok: false, status: 401, message: 'bad signature' });

    const garbled = providerWith(async () => ({}), { parseWebhook: () => JSON.parse('{') }).provider;
    expect(await parsePaymentWebhook(garbled, config, request, options.webhookUrl)).toMatchObject({ ok: false, status: 400 });

    const malformed = providerWith(async () => ({}), { parseWebhook: () => [{ eventId: '', type: 'ignored', providerType: 'x' }] }).provider;
    expect(await parsePaymentWebhook(malformed, config, request, options.webhookUrl)).toMatchObject({ ok: false, status: 400, message: expect.stringMatching(/malformed/) });

    expect(await parsePaymentWebhook(ok, { secretKey: SECRET }, request, options.webhookUrl)).toMatchObject({ ok: false, status: 400, message: expect.stringMatching(/webhookSecret/) });
  });
});
