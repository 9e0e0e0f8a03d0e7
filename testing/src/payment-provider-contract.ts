import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallbackSignatureError, type ProviderCallbackRequest } from '@platform/sdk/messaging';
import {
  attemptPaymentCall,
  parsePaymentWebhook,
  PAYMENT_PROVIDERS,
  type PaymentAttempt,
  type PaymentCharge,
  type PaymentCustomer,
  type PaymentOperation,
  type PaymentOperationResults,
  type PaymentProviderDefinition,
  type PaymentProviderRegistration,
  type PaymentRefund,
  type PaymentWebhookEvent,
} from '@platform/sdk/payments';
import type { PluginManifest, Static, TObject } from '@platform/sdk';
import { startFakeHttpServer, type FakeHandler, type FakeHttpServer, type RecordedRequest } from '@platform/core/testing';
import { contributedTo, expectProviderFailure, forgeriesOf, KERNEL_BOOT_TIMEOUT_MS, neverAnswering, refusedUrl, thrownBy, unavailableFake, withFakeApi } from './provider-contract-kit.ts';

/** The URL the harness gives providers as their webhook URL (`ctx.callbackUrl`) unless told otherwise. */
export const EXAMPLE_WEBHOOK_URL = 'https://platform.example.test/api/billing/webhooks/stripe/cfg-1';

/** How long the "no answer" case waits before the call counts as timed out. */
export const PAYMENT_TIMEOUT_CASE_MS = 200;

/** A tenant's billing account as billing hands it to `createCustomer`. */
export function examplePaymentCustomer(overrides: Partial<PaymentCustomer> = {}): PaymentCustomer {
  return { tenantId: '3f6b2f8e-6a51-4c55-9b8e-2f0a3c9d7e11', name: 'Acme Ltd', email: 'billing@acme.example', country: 'NG', taxId: null, ...overrides };
}

/** An invoice charged to a saved payment method (give the provider's own `customerRef`/`paymentMethodRef` forms). */
export function examplePaymentCharge(overrides: Partial<PaymentCharge> = {}): PaymentCharge {
  return {
    customerRef: 'cus_example',
    amountMinor: 2500000,
    currency: 'NGN',
    description: 'Invoice INV-2026-000042',
    reference: 'inv_7d1e6a52',
    paymentMethodRef: 'pm_example',
    ...overrides,
  };
}

/** A refund of part of a payment, for a credit note. */
export function examplePaymentRefund(overrides: Partial<PaymentRefund> = {}): PaymentRefund {
  return { paymentRef: 'pay_example', amountMinor: 500000, currency: 'NGN', reason: 'Proration of a cancelled add-on', reference: 'cn_4b1f', ...overrides };
}

/** The provider's HTTP API as a local fake: each handler answers with the provider's real shapes. */
export interface PaymentProviderFakeApi {
  /** A healthy account: creates customers, charges succeed, refunds are accepted, the connection test passes. */
  healthy: FakeHandler;
  /** The provider's real answer to a charge the card issuer declines (insufficient funds...). */
  declined: FakeHandler;
  /** The provider's real answer to credentials it refuses. */
  wrongCredentials: FakeHandler;
  /** The provider's answer when it is down; default 503 with a JSON error body. */
  unavailable?: FakeHandler;
}

/** One webhook as the provider sends it. */
export interface PaymentWebhookCase<C> {
  /** What it is, for the test's name (`payment succeeded`). */
  name: string;
  /** The request, signed as the provider signs it with `config`'s secret, arriving at `url`. */
  signed(config: C, url: string): ProviderCallbackRequest;
  /** What `parseWebhook` must return for it. */
  expected: PaymentWebhookEvent[];
}

export interface PaymentProviderContract<S extends TObject> {
  provider: PaymentProviderDefinition<S>;
  /** A configuration pointing the provider at the fake API on `baseUrl`: typed from the config schema. */
  configFor(baseUrl: string): Static<S>;
  fake: PaymentProviderFakeApi;
  webhooks: {
    /** The header carrying the signature, lower-case. */
    signatureHeader: string;
    /** At least one: the first is also the one forged. */
    cases: PaymentWebhookCase<Static<S>>[];
    /** A forged body sent with the genuine signature; default: the body with one more trailing space. */
    tamper?(rawBody: string): string;
  };
  /** Defaults: {@link examplePaymentCustomer}, {@link examplePaymentCharge}, {@link examplePaymentRefund}. */
  customer?: PaymentCustomer;
  charge?: PaymentCharge;
  refund?: PaymentRefund;
  /** Default {@link EXAMPLE_WEBHOOK_URL}. */
  webhookUrl?: string;
  /**
   * Boot the provider's plugin in a real kernel with the billing plugin and check it contributes the provider.
   * `available`: plugins billing may depend on (plans, messaging...); those it names in `dependsOn` are booted too.
   */
  plugin?: { manifest: PluginManifest; billing: PluginManifest; available?: PluginManifest[] };
}

/** One call through `attemptPaymentCall` to a fake answering `handler`, with the requests it received. */
export interface FakePaymentCall<T> {
  attempt: PaymentAttempt<T>;
  /** The first request the fake received (undefined when the provider sent none). */
  request: RecordedRequest | undefined;
  requests: RecordedRequest[];
}

/** The idempotency key the harness gives charges (`ctx.idempotencyKey`); other operations get their own. */
export const EXAMPLE_IDEMPOTENCY_KEY = 'pay-2c9e4b71-8d0a-4f3e-9a61-5b7c0d1e2f30';

/** One key per operation, as billing gives them (a key reused with other parameters is an error at Stripe). */
export function exampleIdempotencyKey(op: PaymentOperation['type']): string {
  if (op === 'charge') return EXAMPLE_IDEMPOTENCY_KEY;
  if (op === 'createCustomer') return 'acct-5a0d7c3e-1b2f-4e6a-8c9d-0e1f2a3b4c5d';
  if (op === 'refund') return 'cn-9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b';
  if (op === 'testConnection') return 'connection-test';
  return `pm-${op}`;
}

/**
 * Starts a fake provider API answering `handler`, runs `op` through the one-call runner with a configuration
 * pointing at it, and returns the outcome and the exact requests, for the test to assert.
 */
export async function callThroughFake<S extends TObject, O extends PaymentOperation>(
  contract: Pick<PaymentProviderContract<S>, 'provider' | 'configFor' | 'webhookUrl'>,
  op: O,
  handler: FakeHandler,
  options: { timeoutMs?: number; idempotencyKey?: string; config?: (config: Static<S>) => Static<S> } = {},
): Promise<FakePaymentCall<PaymentOperationResults[O['type']]>> {
  return withFakeApi(handler, async (server) => {
    const base = contract.configFor(server.url);
    const config = options.config ? options.config(base) : base;
    const attempt = await attemptPaymentCall(contract.provider, config as Record<string, unknown>, op, {
      idempotencyKey: options.idempotencyKey ?? exampleIdempotencyKey(op.type),
      webhookUrl: contract.webhookUrl ?? EXAMPLE_WEBHOOK_URL,
      timeoutMs: options.timeoutMs ?? 5000,
    });
    return { attempt, request: server.requests[0], requests: [...server.requests] };
  });
}

/**
 * Registers the contract every payment provider must keep, as vitest cases, against the provider's fake API:
 *
 * - `createCustomer` returns the provider's customer reference;
 * - a charge the provider accepts is `succeeded` with its payment reference, and the call's idempotency key reaches
 *   the provider (a header or the body: a retry must not charge twice);
 * - a declined card is either a `rejected` {@link ProviderError} or a `failed` result with a reason (both are a
 *   failed payment for billing);
 * - refused credentials are `auth`, a 5xx answer and a refused connection `unavailable`, no answer within the
 *   timeout `timeout`; no secret of the configuration appears in any error;
 * - a refund returns the provider's refund reference and a status;
 * - the connection test passes against the healthy fake and is `auth` with refused credentials;
 * - each signed webhook is parsed to the expected events, the same again when redelivered (also through
 *   `parsePaymentWebhook`): its event ids are stable;
 * - a webhook without its signature, with an altered signature or an altered body is refused with
 *   {@link CallbackSignatureError} (`parsePaymentWebhook` gives 401);
 * - with `plugin`: the plugin boots in a real kernel next to the billing plugin and contributes the provider.
 *
 * Assert the exact requests your provider sends in your own cases, with {@link callThroughFake}.
 */
export function describePaymentProviderContract<S extends TObject>(contract: PaymentProviderContract<S>): void {
  const { provider, fake } = contract;
  const webhookUrl = contract.webhookUrl ?? EXAMPLE_WEBHOOK_URL;
  const customer = contract.customer ?? examplePaymentCustomer();
  const charge = contract.charge ?? examplePaymentCharge();
  const refund = contract.refund ?? examplePaymentRefund();

  describe(`payment provider contract: ${provider.id}`, () => {
    let api: FakeHttpServer;
    let config: Static<S>;
    beforeAll(async () => {
      api = await startFakeHttpServer(fake.healthy);
      config = contract.configFor(api.url);
    });
    afterAll(async () => api?.close());

    const call = <O extends PaymentOperation>(op: O, timeoutMs = 5000) =>
      attemptPaymentCall(provider, config as Record<string, unknown>, op, { idempotencyKey: exampleIdempotencyKey(op.type), webhookUrl, timeoutMs });
    const settings = () => config as Record<string, unknown>;
    const sent = (from: number) => api.requests.slice(from);

    it('creates a customer and returns its reference', async () => {
      api.handle(fake.healthy);
      const attempt = await call({ type: 'createCustomer', customer });
      expect(attempt.ok ? attempt.value : attempt.error.message).toMatchObject({ customerRef: expect.stringMatching(/\S/) });
    });

    it('charges a saved payment method: succeeded, with the idempotency key sent to the provider', async () => {
      api.handle(fake.healthy);
      const before = api.requests.length;
      const attempt = await call({ type: 'charge', charge });
      expect(attempt.ok ? attempt.value : attempt.error.message).toMatchObject({ paymentRef: expect.stringMatching(/\S/), status: 'succeeded' });
      const carried = sent(before).some((r) => Object.values(r.headers).includes(EXAMPLE_IDEMPOTENCY_KEY) || r.body.includes(EXAMPLE_IDEMPOTENCY_KEY));
      expect(carried, 'the idempotency key is sent as a header value or in the body').toBe(true);
    });

    it('a declined card is a rejected error or a failed payment with a reason', async () => {
      api.handle(fake.declined);
      const attempt = await call({ type: 'charge', charge });
      if (attempt.ok) {
        expect(attempt.value).toMatchObject({ paymentRef: expect.stringMatching(/\S/), status: 'failed', failureReason: expect.stringMatching(/\S/) });
      } else {
        const error = expectProviderFailure(attempt, 'rejected', provider, settings());
        expect(error.failover).toBe(false);
      }
    });

    it('reports refused credentials as an auth failure, without secrets in the message', async () => {
      api.handle(fake.wrongCredentials);
      expectProviderFailure(await call({ type: 'charge', charge }), 'auth', provider, settings());
      expectProviderFailure(await call({ type: 'createCustomer', customer }), 'auth', provider, settings());
    });

    it('reports a 5xx answer as unavailable', async () => {
      api.handle(fake.unavailable ?? unavailableFake);
      const error = expectProviderFailure(await call({ type: 'charge', charge }), 'unavailable', provider, settings());
      expect(error.status).toBeGreaterThanOrEqual(500);
    });

    it('reports a refused connection as unavailable', async () => {
      const attempt = await attemptPaymentCall(provider, contract.configFor(await refusedUrl()) as Record<string, unknown>, { type: 'charge', charge }, { idempotencyKey: 'k', webhookUrl });
      expectProviderFailure(attempt, 'unavailable', provider, settings());
    });

    it(`reports no answer within the timeout (${PAYMENT_TIMEOUT_CASE_MS} ms) as timeout`, async () => {
      const silent = neverAnswering();
      api.handle(silent.handler);
      try {
        expectProviderFailure(await call({ type: 'charge', charge }, PAYMENT_TIMEOUT_CASE_MS), 'timeout', provider, settings());
      } finally {
        silent.release();
      }
    });

    it('refunds a payment and returns the refund reference', async () => {
      api.handle(fake.healthy);
      const attempt = await call({ type: 'refund', refund });
      expect(attempt.ok ? attempt.value : attempt.error.message).toMatchObject({ refundRef: expect.stringMatching(/\S/) });
      if (attempt.ok) expect(['succeeded', 'pending']).toContain(attempt.value.status);
    });

    it.skipIf(!provider.testConnection)('tests the connection: ok when healthy, auth with refused credentials', async () => {
      api.handle(fake.healthy);
      const ok = await call({ type: 'testConnection' });
      expect(ok.ok ? ok : ok.error.message).toMatchObject({ ok: true });
      api.handle(fake.wrongCredentials);
      expectProviderFailure(await call({ type: 'testConnection' }), 'auth', provider, settings());
    });

    for (const webhook of contract.webhooks.cases) {
      it(`parses a signed webhook: ${webhook.name}`, async () => {
        const request = webhook.signed(config, webhookUrl);
        expect(request.headers[contract.webhooks.signatureHeader], 'the signed webhook carries its signature header').toBeTruthy();
        expect(await provider.parseWebhook(request, { config, webhookUrl })).toEqual(webhook.expected);
        // A redelivery reads the same: billing's idempotency rests on the event ids.
        expect(await parsePaymentWebhook(provider, settings(), request, webhookUrl)).toEqual({ ok: true, events: webhook.expected });
      });
    }

    it('refuses a webhook without a signature, with an altered signature or with an altered body (401)', async () => {
      const genuine = contract.webhooks.cases[0]!.signed(config, webhookUrl);
      for (const [what, forged] of forgeriesOf(genuine, contract.webhooks.signatureHeader, { tamper: contract.webhooks.tamper, alter: 'last' })) {
        const thrown = await thrownBy(() => provider.parseWebhook(forged, { config, webhookUrl }), 'parseWebhook');
        expect(thrown, `${what}: ${String(thrown)}`).toBeInstanceOf(CallbackSignatureError);
        expect(await parsePaymentWebhook(provider, settings(), forged, webhookUrl)).toMatchObject({ ok: false, status: 401 });
      }
    });

    it.skipIf(!contract.plugin)('boots in a real kernel next to the billing plugin and contributes the provider', async () => {
      const { manifest, billing, available = [] } = contract.plugin!;
      const seen = await contributedPaymentProviders(manifest, billing, available);
      expect(seen.find((r) => r.provider.id === provider.id)).toMatchObject({ plugin: manifest.name, provider: { id: provider.id } });
    }, KERNEL_BOOT_TIMEOUT_MS);
  });
}

/**
 * Boots a kernel with `billing` and `plugin` (plus those of `available` they depend on, and a probe) and returns
 * the payment providers contributed.
 */
export function contributedPaymentProviders(plugin: PluginManifest, billing: PluginManifest, available: PluginManifest[] = []): Promise<PaymentProviderRegistration[]> {
  return contributedTo(PAYMENT_PROVIDERS, billing, plugin, available);
}
