import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attemptProviderConnectionTest,
  attemptProviderSend,
  CallbackSignatureError,
  SMS_PROVIDERS,
  type DeliveryUpdate,
  type ProviderAttempt,
  type ProviderCallbackRequest,
  type SmsMessage,
  type SmsProviderDefinition,
  type SmsProviderRegistration,
} from '@platform/sdk/messaging';
import type { PluginManifest, Static, TObject } from '@platform/sdk';
import { startFakeHttpServer, type FakeHandler, type FakeHttpServer, type RecordedRequest } from '@platform/core/testing';
import { contributedTo, expectProviderFailure, forgeriesOf, KERNEL_BOOT_TIMEOUT_MS, neverAnswering, refusedUrl, thrownBy, unavailableFake, withFakeApi } from './provider-contract-kit.ts';

export { expectProviderFailure, neverAnswering } from './provider-contract-kit.ts';

/** The URL the harness gives providers as `ctx.callbackUrl` unless told otherwise. */
export const EXAMPLE_CALLBACK_URL = 'https://platform.example.test/api/messaging/callbacks/sms/cfg-1';

/** How long the "no answer" case waits before the attempt counts as timed out. */
export const SMS_TIMEOUT_CASE_MS = 200;

/** An E.164 message as the messaging plugin hands it to a provider. */
export function exampleSmsMessage(overrides: Partial<SmsMessage> = {}): SmsMessage {
  return {
    id: '6f1c2f44-1d7e-4c55-9b8e-2f0a3c9d7e11',
    tenantId: null,
    to: '+2348030000001',
    body: 'Your verification code is 481516',
    segments: 1,
    ...overrides,
  };
}

/** The provider's HTTP API as a local fake: each handler answers with the provider's real shapes. */
export interface SmsProviderFakeApi {
  /** A healthy provider: accepts the send (and answers the connection test, when the provider has one). */
  healthy: FakeHandler;
  /** The provider's real answer to credentials it refuses (status and error body). */
  wrongCredentials: FakeHandler;
  /** The provider's answer when it is down; default 503 with a JSON error body. */
  unavailable?: FakeHandler;
}

/** A status callback as the provider sends it. */
export interface SmsCallbackCase<C> {
  /** The callback's request, signed as the provider signs it with `config`'s secret, arriving at `url`. */
  signed(config: C, url: string): ProviderCallbackRequest;
  /** What `parseStatusCallback` must return for it. */
  expected: DeliveryUpdate[];
  /** The header carrying the signature, lower-case. */
  signatureHeader: string;
  /** A forged body sent with the genuine signature; default: the body with one more trailing space. */
  tamper?(rawBody: string): string;
}

export interface SmsProviderContract<S extends TObject> {
  provider: SmsProviderDefinition<S>;
  /** A configuration pointing the provider at the fake API on `baseUrl`: typed from the config schema. */
  configFor(baseUrl: string): Static<S>;
  fake: SmsProviderFakeApi;
  callback: SmsCallbackCase<Static<S>>;
  /** The message sent in every case (default {@link exampleSmsMessage}). */
  message?: SmsMessage;
  /** Given as `ctx.callbackUrl` and used as the callback's URL (default {@link EXAMPLE_CALLBACK_URL}). */
  callbackUrl?: string;
  /** Boot the provider's plugin in a real kernel with the messaging plugin and check it contributes the provider. */
  plugin?: { manifest: PluginManifest; messaging: PluginManifest };
}

/** One send through `attemptProviderSend` to a fake answering `handler`, with the request it received. */
export interface FakeSend {
  attempt: ProviderAttempt;
  /** The one request the fake received (undefined when the provider sent none). */
  request: RecordedRequest | undefined;
  requests: RecordedRequest[];
}

/**
 * Starts a fake provider API answering `handler`, sends `contract`'s message through the one-attempt runner
 * with a configuration pointing at it, and returns the outcome and the exact request, for the test to assert.
 */
export async function sendThroughFake<S extends TObject>(
  contract: Pick<SmsProviderContract<S>, 'provider' | 'configFor' | 'message' | 'callbackUrl'>,
  handler: FakeHandler,
  options: { timeoutMs?: number; config?: (config: Static<S>) => Static<S> } = {},
): Promise<FakeSend> {
  return withFakeApi(handler, async (server) => {
    const base = contract.configFor(server.url);
    const config = options.config ? options.config(base) : base;
    const attempt = await attemptProviderSend(contract.provider, config as Record<string, unknown>, contract.message ?? exampleSmsMessage(), {
      idempotencyKey: (contract.message ?? exampleSmsMessage()).id,
      callbackUrl: contract.callbackUrl ?? EXAMPLE_CALLBACK_URL,
      timeoutMs: options.timeoutMs ?? 5000,
    });
    return { attempt, request: server.requests[0], requests: [...server.requests] };
  });
}

/**
 * Registers the contract every SMS provider must keep, as vitest cases, against the provider's fake API:
 *
 * - a send the provider accepts comes back with its message id, through exactly one request;
 * - refused credentials are an `auth` failure (fail over), and no secret appears in the error;
 * - a 5xx answer and a refused connection are `unavailable` (fail over);
 * - no answer within the attempt's timeout is `timeout` (fail over);
 * - the connection test passes against the healthy fake and is `auth` with refused credentials;
 * - a signed status callback is parsed to the expected delivery updates;
 * - a callback without its signature, with an altered signature, or with an altered body is refused with
 *   {@link CallbackSignatureError} (the messaging plugin answers 401);
 * - with `plugin`: the plugin boots in a real kernel next to the messaging plugin and contributes the provider.
 *
 * Assert the exact request your provider sends in your own case, with {@link sendThroughFake}.
 */
export function describeSmsProviderContract<S extends TObject>(contract: SmsProviderContract<S>): void {
  const { provider, fake } = contract;
  const callbackUrl = contract.callbackUrl ?? EXAMPLE_CALLBACK_URL;

  describe(`SMS provider contract: ${provider.id}`, () => {
    let api: FakeHttpServer;
    let config: Static<S>;
    beforeAll(async () => {
      api = await startFakeHttpServer(fake.healthy);
      config = contract.configFor(api.url);
    });
    afterAll(async () => api?.close());

    const send = (timeoutMs = 5000) =>
      attemptProviderSend(provider, config as Record<string, unknown>, contract.message ?? exampleSmsMessage(), {
        idempotencyKey: (contract.message ?? exampleSmsMessage()).id,
        callbackUrl,
        timeoutMs,
      });

    it('sends a message the provider accepts, in one request, and returns its id', async () => {
      api.handle(fake.healthy);
      const before = api.requests.length;
      const attempt = await send();
      expect(attempt.ok ? attempt.result : attempt.error.message).toMatchObject({ providerMessageId: expect.stringMatching(/\S/) });
      if (attempt.ok) expect(['queued', 'sent', 'delivered']).toContain(attempt.result.status);
      expect(api.requests.length - before).toBe(1);
    });

    it('reports refused credentials as an auth failure, without secrets in the message', async () => {
      api.handle(fake.wrongCredentials);
      const before = api.requests.length;
      const error = expectProviderFailure(await send(), 'auth', provider, config as Record<string, unknown>);
      expect(error.failover).toBe(true);
      expect(api.requests.length - before).toBe(1);
    });

    it('reports a 5xx answer as unavailable', async () => {
      api.handle(fake.unavailable ?? unavailableFake);
      const error = expectProviderFailure(await send(), 'unavailable', provider, config as Record<string, unknown>);
      expect(error.status).toBeGreaterThanOrEqual(500);
    });

    it('reports a refused connection as unavailable', async () => {
      const attempt = await attemptProviderSend(provider, contract.configFor(await refusedUrl()) as Record<string, unknown>, contract.message ?? exampleSmsMessage(), { idempotencyKey: 'k', callbackUrl });
      expectProviderFailure(attempt, 'unavailable', provider, config as Record<string, unknown>);
    });

    it(`reports no answer within the timeout (${SMS_TIMEOUT_CASE_MS} ms) as timeout`, async () => {
      const silent = neverAnswering();
      api.handle(silent.handler);
      const before = api.requests.length;
      try {
        const error = expectProviderFailure(await send(SMS_TIMEOUT_CASE_MS), 'timeout', provider, config as Record<string, unknown>);
        expect(error.failover).toBe(true);
        expect(api.requests.length - before).toBe(1);
      } finally {
        silent.release();
      }
    });

    it.skipIf(!provider.testConnection)('tests the connection: ok when healthy, auth with refused credentials', async () => {
      api.handle(fake.healthy);
      const ok = await attemptProviderConnectionTest(provider, config as Record<string, unknown>, { idempotencyKey: 'connection-test', callbackUrl });
      expect(ok.ok ? ok : ok.error.message).toMatchObject({ ok: true });
      api.handle(fake.wrongCredentials);
      const refused = await attemptProviderConnectionTest(provider, config as Record<string, unknown>, { idempotencyKey: 'connection-test', callbackUrl });
      expectProviderFailure(refused as ProviderAttempt, 'auth', provider, config as Record<string, unknown>);
    });

    it('parses a signed status callback to delivery updates', async () => {
      const request = contract.callback.signed(config, callbackUrl);
      expect(request.headers[contract.callback.signatureHeader], 'the signed callback carries its signature header').toBeTruthy();
      expect(await provider.parseStatusCallback(request, { config, callbackUrl })).toEqual(contract.callback.expected);
    });

    it('refuses a callback without a signature, with an altered signature or with an altered body', async () => {
      const genuine = contract.callback.signed(config, callbackUrl);
      for (const [what, forged] of forgeriesOf(genuine, contract.callback.signatureHeader, { tamper: contract.callback.tamper, alter: 'first' })) {
        const thrown = await thrownBy(() => provider.parseStatusCallback(forged, { config, callbackUrl }), 'parseStatusCallback');
        expect(thrown, `${what}: ${String(thrown)}`).toBeInstanceOf(CallbackSignatureError);
      }
    });

    it.skipIf(!contract.plugin)('boots in a real kernel next to the messaging plugin and contributes the provider', async () => {
      const { manifest, messaging } = contract.plugin!;
      const seen = await contributedSmsProviders(manifest, messaging);
      expect(seen.find((r) => r.provider.id === provider.id)).toMatchObject({ plugin: manifest.name, provider: { id: provider.id } });
    }, KERNEL_BOOT_TIMEOUT_MS);
  });
}

/** Boots a kernel with `messaging` and `plugin` (plus a probe) and returns the SMS providers contributed. */
export function contributedSmsProviders(plugin: PluginManifest, messaging: PluginManifest): Promise<SmsProviderRegistration[]> {
  return contributedTo(SMS_PROVIDERS, messaging, plugin);
}
