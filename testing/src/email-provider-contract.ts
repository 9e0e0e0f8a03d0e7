import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { definePlugin, type PluginManifest, type Static, type TObject } from '@platform/sdk';
import { secretFieldsOf } from '@platform/sdk/monitors';
import {
  attemptProviderConnectionTest,
  attemptProviderSend,
  CallbackSignatureError,
  EMAIL_PROVIDERS,
  type DeliveryUpdate,
  type EmailMessage,
  type EmailProviderDefinition,
  type ProviderCallbackRequest,
  type ProviderError,
  type ProviderFailureKind,
} from '@platform/sdk/messaging';
import { startFakeHttpServer, type FakeHandler, type RecordedRequest } from '@platform/core/testing';
import { createTestKernel } from './test-kernel.ts';

/**
 * The email provider contract, run against a local fake of the provider: one `describe` block with a send
 * whose exact request the provider's test asserts, a refused login (`auth`), a server error (`unavailable`),
 * a refused recipient (`rejected`), no answer (`timeout`), nothing listening (`unavailable`), the connection
 * test, and a signed event parsed to delivery updates, refused when forged or signed with another key.
 */

/** How the fake answers: the provider's real answer for each case. `hang` never answers. */
export type FakeAnswer = 'accepted' | 'badCredentials' | 'serverError' | 'rejected' | 'hang';

/** A local stand-in for the provider's API (HTTP) or server (SMTP) that records what it received. */
export interface FakeEmailService<R> {
  url: string;
  requests: R[];
  answer(mode: FakeAnswer): void;
  close(): Promise<void>;
}

/** The provider's real HTTP answers. `serverError` defaults to a 503; `hang` is built in. */
export interface FakeEmailApiAnswers {
  accepted: FakeHandler;
  badCredentials: FakeHandler;
  serverError?: FakeHandler;
  rejected?: FakeHandler;
}

/** A fake HTTP API on 127.0.0.1:0 that answers each request as the current mode says. */
export async function startFakeEmailApi(answers: FakeEmailApiAnswers): Promise<FakeEmailService<RecordedRequest>> {
  let mode: FakeAnswer = 'accepted';
  const serverError: FakeHandler = answers.serverError ?? ((_req, res) => {
    res.statusCode = 503;
    res.setHeader('content-type', 'text/html');
    res.end('<html><body><h1>503 Service Unavailable</h1></body></html>');
  });
  const server = await startFakeHttpServer((req, res) => {
    if (mode === 'hang') return;
    const handler = mode === 'serverError' ? serverError : mode === 'rejected' ? answers.rejected : answers[mode];
    if (!handler) throw new Error(`this fake has no "${mode}" answer`);
    return handler(req, res);
  });
  return { url: server.url, requests: server.requests, answer: (m) => void (mode = m), close: () => server.close() };
}

/** An email as the messaging plugin hands it to a provider: two recipients, sender, reply-to, HTML and text, a header and a tag. */
export function exampleEmailMessage(overrides: Partial<EmailMessage> = {}): EmailMessage {
  return {
    id: '6f1c2a4e-8b3d-4c5e-9f7a-0b1c2d3e4f5a',
    tenantId: '3d0a4e59-1c8b-4f2a-9e6d-7b5c4a3f2e1d',
    to: [{ email: 'ada@example.com', name: 'Ada Lovelace' }, { email: 'grace@example.com' }],
    from: { email: 'billing@acme.example', name: 'Acme Billing' },
    replyTo: { email: 'support@acme.example', name: 'Acme Support' },
    subject: 'Your invoice INV-1042',
    html: '<p>Hello Ada, your invoice <strong>INV-1042</strong> for €42.00 is ready.</p>',
    text: 'Hello Ada, your invoice INV-1042 for €42.00 is ready.',
    headers: { 'X-Entity-Ref-ID': 'INV-1042' },
    tags: { purpose: 'invoice' },
    ...overrides,
  };
}

/** A port where nothing listens (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface EmailProviderContract<S extends TObject, R> {
  provider: EmailProviderDefinition<S>;
  /** Starts the fake (for an HTTP API: `() => startFakeEmailApi({ accepted, badCredentials, ... })`). */
  fake(): Promise<FakeEmailService<R>>;
  /** A configuration pointing at the fake's URL (or, for a closed port, at nothing). */
  config(fakeUrl: string): Static<S>;
  /** The provider's id for the accepted send, as the fake's `accepted` answer carries it. */
  providerMessageId: string;
  /** Asserts the exact request (path, headers and auth, body fields) the accepted send made. */
  expectSendRequest(request: R, message: EmailMessage, sent: { config: Static<S>; idempotencyKey: string }): void;
  /** How the provider reads the fake's `rejected` answer; absent when the fake has none. Default `rejected`. */
  rejectedKind?: ProviderFailureKind | null;
  /** Whether the provider has a connection test (the fake answers it like a send). */
  testsConnection?: boolean;
  /** Absent for providers without events (SMTP). */
  events?: {
    /** A callback as the provider would send it for the accepted message, signed for `config`. */
    signed(config: Static<S>, callbackUrl: string): ProviderCallbackRequest | Promise<ProviderCallbackRequest>;
    /** What it must parse to. */
    updates: DeliveryUpdate[];
    /** Overrides of `config` with another signing key: the same callback must then be refused. */
    otherKey: Partial<Static<S>>;
    /**
     * False when the provider's signature does not cover the body (Mailgun signs a timestamp and a token): a
     * forged body is then refused only once the genuine callback used its token, and the test says so.
     */
    bodySigned?: boolean;
  };
  /** Boots a test kernel with `messaging` and `plugin` and checks that the provider is contributed. */
  kernel?: { plugin: PluginManifest; messaging: PluginManifest };
}

const CALLBACK_URL = 'https://platform.example/api/messaging/callbacks/email/5b7c0f1e';

async function expectSignatureRefused(run: () => unknown | Promise<unknown>): Promise<void> {
  let thrown: unknown = null;
  try {
    await run();
  } catch (err) {
    thrown = err;
  }
  expect(thrown, 'the callback was accepted').toBeInstanceOf(CallbackSignatureError);
}

/** Registers the contract's tests for one email provider. */
export function describeEmailProviderContract<S extends TObject, R>(contract: EmailProviderContract<S, R>): void {
  const { provider } = contract;
  describe(`${provider.name}: the email provider contract`, () => {
    let fake: FakeEmailService<R>;
    beforeAll(async () => {
      fake = await contract.fake();
    });
    afterAll(async () => fake?.close());

    const secretsOf = (config: Static<S>) =>
      secretFieldsOf(provider.configSchema)
        .map((k) => (config as Record<string, unknown>)[k])
        .filter((v): v is string => typeof v === 'string' && v.length >= 4);

    async function attempt(mode: FakeAnswer, options: { timeoutMs?: number; url?: string } = {}) {
      fake.answer(mode);
      const config = contract.config(options.url ?? fake.url);
      const before = fake.requests.length;
      const message = exampleEmailMessage();
      const idempotencyKey = `msg-${message.id}`;
      const outcome = await attemptProviderSend(provider, config as Record<string, unknown>, message, { idempotencyKey, callbackUrl: CALLBACK_URL, timeoutMs: options.timeoutMs });
      return { outcome, config, message, idempotencyKey, request: fake.requests.length > before ? fake.requests.at(-1) : undefined };
    }

    function failure(outcome: Awaited<ReturnType<typeof attempt>>['outcome']): ProviderError {
      if (outcome.ok) throw new Error(`expected a failure, got ${JSON.stringify(outcome.result)}`);
      return outcome.error;
    }

    it('sends the message with the exact request and returns the provider id', async () => {
      const { outcome, config, message, idempotencyKey, request } = await attempt('accepted');
      expect(outcome).toEqual({ ok: true, result: expect.objectContaining({ providerMessageId: contract.providerMessageId }) });
      expect(request, 'the fake received nothing').toBeDefined();
      contract.expectSendRequest(request!, message, { config, idempotencyKey });
    });

    it('reads refused credentials as auth (fail over), without the secret in the message', async () => {
      const { outcome, config } = await attempt('badCredentials');
      const error = failure(outcome);
      expect(error.kind).toBe('auth');
      expect(error.failover).toBe(true);
      for (const secret of secretsOf(config)) expect(error.message).not.toContain(secret);
    });

    it('reads a server error as unavailable (fail over)', async () => {
      const error = failure((await attempt('serverError')).outcome);
      expect(error.kind).toBe('unavailable');
      expect(error.failover).toBe(true);
    });

    if (contract.rejectedKind !== null) {
      it(`reads a refused message as ${contract.rejectedKind ?? 'rejected'}`, async () => {
        const error = failure((await attempt('rejected')).outcome);
        expect(error.kind).toBe(contract.rejectedKind ?? 'rejected');
        expect(error.failover).toBe(error.kind !== 'rejected');
      });
    }

    it('gives up on a provider that does not answer: timeout (fail over)', async () => {
      const error = failure((await attempt('hang', { timeoutMs: 300 })).outcome);
      expect(error.kind).toBe('timeout');
      expect(error.failover).toBe(true);
    });

    it('reads nothing listening as unavailable', async () => {
      const port = await closedPort();
      const error = failure((await attempt('accepted', { url: fake.url.replace(/:\d+/, `:${port}`) })).outcome);
      expect(error.kind).toBe('unavailable');
    });

    if (contract.testsConnection) {
      it('tests the connection: ok with good credentials, auth with bad ones', async () => {
        fake.answer('accepted');
        const ok = await attemptProviderConnectionTest(provider, contract.config(fake.url) as Record<string, unknown>, { idempotencyKey: 'test', callbackUrl: CALLBACK_URL });
        expect(ok.ok, JSON.stringify(ok)).toBe(true);
        fake.answer('badCredentials');
        const bad = await attemptProviderConnectionTest(provider, contract.config(fake.url) as Record<string, unknown>, { idempotencyKey: 'test', callbackUrl: CALLBACK_URL });
        expect(bad).toMatchObject({ ok: false, error: { kind: 'auth' } });
      });
    }

    const events = contract.events;
    if (events) {
      it('parses a signed event to delivery updates', async () => {
        const config = contract.config(fake.url);
        const request = await events.signed(config, CALLBACK_URL);
        expect(await provider.parseEvents!(request, { config, callbackUrl: CALLBACK_URL })).toEqual(events.updates);
      });

      const forge = (request: ProviderCallbackRequest): ProviderCallbackRequest => {
        const body = request.rawBody.toString('utf8');
        const target = events.updates[0]!.providerMessageId;
        expect(body, 'the event does not carry the message id').toContain(target);
        const forged = body.split(target).join(target.replace(/[0-9a-zA-Z](?=[^0-9a-zA-Z]*$)/, (c) => (c === '0' ? '1' : '0')));
        return { ...request, rawBody: Buffer.from(forged) };
      };

      if (events.bodySigned === false) {
        it('refuses a forged event on a used signature token (the signature does not cover the body)', async () => {
          const config = contract.config(fake.url);
          const request = await events.signed(config, CALLBACK_URL);
          expect(await provider.parseEvents!(request, { config, callbackUrl: CALLBACK_URL })).toEqual(events.updates);
          await expectSignatureRefused(() => provider.parseEvents!(forge(request), { config, callbackUrl: CALLBACK_URL }));
          await expectSignatureRefused(() => provider.parseEvents!(request, { config, callbackUrl: CALLBACK_URL }));
        });
      } else {
        it('refuses a forged event (the body changed after signing) with CallbackSignatureError', async () => {
          const config = contract.config(fake.url);
          const request = await events.signed(config, CALLBACK_URL);
          await expectSignatureRefused(() => provider.parseEvents!(forge(request), { config, callbackUrl: CALLBACK_URL }));
        });
      }

      it('refuses an event signed with another key, and one without its signature', async () => {
        const config = contract.config(fake.url);
        const request = await events.signed(config, CALLBACK_URL);
        const other = { ...config, ...events.otherKey } as Static<S>;
        await expectSignatureRefused(() => provider.parseEvents!(request, { config: other, callbackUrl: CALLBACK_URL }));
        const unsigned = { ...request, headers: { 'content-type': request.headers['content-type'] } };
        const body = request.rawBody.toString('utf8');
        const stripped = body.replace(/"signature"\s*:\s*\{[^}]*\}/, '"signature":{}').replace(/"Signature"\s*:\s*"[^"]*"/, '"Signature":""');
        await expectSignatureRefused(() => provider.parseEvents!({ ...unsigned, rawBody: Buffer.from(stripped) }, { config, callbackUrl: CALLBACK_URL }));
      });
    }

    const kernel = contract.kernel;
    if (kernel) {
      it('boots in a kernel with messaging and contributes the provider', async () => {
        let seen: string[] = [];
        const probe = definePlugin({
          name: 'email-provider-probe',
          version: '0.0.0',
          kernel: '^0.1.0',
          dependsOn: ['messaging', kernel.plugin.name],
          boot(ctx) {
            seen = ctx.extensions.get(EMAIL_PROVIDERS).map((r) => `${r.plugin}:${r.provider.id}`);
          },
        });
        const app = await createTestKernel({ plugins: [kernel.messaging, kernel.plugin, probe] });
        try {
          expect(seen).toContain(`${kernel.plugin.name}:${provider.id}`);
        } finally {
          await app.close();
        }
      }, 60_000);
    }
  });
}
