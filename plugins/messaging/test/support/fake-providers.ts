import { createHmac, timingSafeEqual } from 'node:crypto';
import { Secret, Type, definePlugin, ProblemError, type EntityManager, type PluginManifest } from '@platform/sdk';
import {
  CallbackSignatureError,
  defineEmailProvider,
  defineEmailProviderPlugin,
  defineSmsProvider,
  defineSmsProviderPlugin,
  MESSAGING_SERVICE,
  providerErrorFromResponse,
  type MessageSender,
} from '@platform/sdk/messaging';
import type { CreditReservations } from '../../src/credits/credit-reservations.ts';

/** The HMAC the fake providers sign callbacks with: hex SHA-256 over the callback URL and the raw body. */
export function fakeSignature(secret: string, url: string, rawBody: string | Buffer): string {
  return createHmac('sha256', secret).update(url).update(rawBody).digest('hex');
}

function checkSignature(secret: string, url: string, rawBody: Buffer, given: string | undefined): void {
  const want = Buffer.from(fakeSignature(secret, url, rawBody));
  const got = Buffer.from(given ?? '');
  if (got.length !== want.length || !timingSafeEqual(got, want)) throw new CallbackSignatureError();
}

/**
 * A small SMS provider speaking HTTP like Twilio does: form-encoded sends with a bearer key, status callbacks
 * form-encoded (`MessageSid`, `MessageStatus`) and signed with `X-Fake-Signature`. 400ms per attempt.
 */
export const fakeSms = defineSmsProvider({
  id: 'fake-sms',
  name: 'Fake SMS',
  timeoutMs: 400,
  configSchema: Type.Object({
    baseUrl: Type.String({ minLength: 1 }),
    apiKey: Secret(Type.String({ minLength: 8 })),
    signingSecret: Secret(Type.String({ minLength: 8 })),
    from: Type.Optional(Type.String()),
  }),
  async send(ctx, msg) {
    const res = await ctx.fetch(`${ctx.config.baseUrl}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ctx.config.apiKey}`, 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': ctx.idempotencyKey },
      body: new URLSearchParams({ To: msg.to, From: msg.from ?? ctx.config.from ?? 'Platform', Body: msg.body, StatusCallback: ctx.callbackUrl }).toString(),
    });
    if (!res.ok) throw await providerErrorFromResponse(res);
    const body = (await res.json()) as { sid: string; status: 'queued' | 'sent'; segments?: number; priceMinor?: number; priceMicros?: number };
    const cost = body.priceMinor !== undefined ? { amountMinor: body.priceMinor, currency: 'USD', ...(body.priceMicros !== undefined ? { amountMicros: body.priceMicros } : {}) } : undefined;
    return { providerMessageId: body.sid, status: body.status, segments: body.segments, ...(cost ? { cost } : {}) };
  },
  async testConnection(ctx) {
    const res = await ctx.fetch(`${ctx.config.baseUrl}/account`, { headers: { authorization: `Bearer ${ctx.config.apiKey}` } });
    if (!res.ok) throw await providerErrorFromResponse(res);
    return { detail: `account ${((await res.json()) as { name: string }).name}` };
  },
  parseStatusCallback(req, ctx) {
    checkSignature(ctx.config.signingSecret, req.url, req.rawBody, req.headers['x-fake-signature']);
    const form = new URLSearchParams(req.rawBody.toString('utf8'));
    const status = form.get('MessageStatus') as 'delivered' | 'undelivered' | 'sent';
    return [{ providerMessageId: form.get('MessageSid')!, status, reason: form.get('ErrorCode') ?? undefined }];
  },
});

/** A small email provider speaking JSON (like Resend): POST /emails, events as a signed JSON batch. */
export const fakeEmail = defineEmailProvider({
  id: 'fake-email',
  name: 'Fake Email',
  timeoutMs: 400,
  configSchema: Type.Object({ baseUrl: Type.String({ minLength: 1 }), apiKey: Secret(Type.String({ minLength: 8 })), signingSecret: Secret(Type.String({ minLength: 8 })) }),
  async send(ctx, msg) {
    const res = await ctx.fetch(`${ctx.config.baseUrl}/emails`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ctx.config.apiKey}`, 'content-type': 'application/json', 'idempotency-key': ctx.idempotencyKey },
      body: JSON.stringify({ to: msg.to.map((a) => a.email), subject: msg.subject, html: msg.html, text: msg.text, tags: msg.tags }),
    });
    if (!res.ok) throw await providerErrorFromResponse(res);
    return { providerMessageId: ((await res.json()) as { id: string }).id, status: 'sent' };
  },
  parseEvents(req, ctx) {
    checkSignature(ctx.config.signingSecret, req.url, req.rawBody, req.headers['x-fake-signature']);
    const events = JSON.parse(req.rawBody.toString('utf8')) as { id: string; type: 'delivered' | 'bounced' | 'opened'; at?: string }[];
    return events.map((e) => ({ providerMessageId: e.id, status: e.type, at: e.at }));
  },
});

export const fakeSmsPlugin: PluginManifest = defineSmsProviderPlugin(fakeSms, { version: '1.0.0', kernel: '^0.1.0' });
export const fakeEmailPlugin: PluginManifest = defineEmailProviderPlugin(fakeEmail, { version: '1.0.0', kernel: '^0.1.0' });

/** A plugin that sends through the messaging service, as billing or onboarding would. */
export function senderConsumerPlugin(): PluginManifest & { sender(): MessageSender } {
  let resolved: MessageSender | null = null;
  return Object.assign(
    definePlugin({
      name: 'sender-consumer',
      version: '1.0.0',
      kernel: '^0.1.0',
      dependsOn: ['messaging'],
      boot(ctx) {
        resolved = ctx.resolve<MessageSender>(MESSAGING_SERVICE);
      },
    }),
    { sender: () => resolved! },
  );
}

/**
 * An in-test credit account (NOT the ledger: msg-ledger's `src/credits/` replaces it in the tests that are
 * about credits). Balances per tenant; movements remembered so tests can see reserve/consume/refund.
 */
export class InTestCredits implements CreditReservations {
  readonly balance = new Map<string, number>();

  /** @param startingBalance what a tenant not in `balance` has. */
  constructor(private readonly startingBalance = 0) {}

  /** Every tenant starts with plenty (for tests that send but are not about credits). */
  static generous(): InTestCredits {
    return new InTestCredits(1_000_000);
  }
  readonly movements: { kind: 'reserve' | 'consume' | 'refund'; tenantId: string; messageId: string; amount?: number; reason?: string }[] = [];
  private readonly reserved = new Map<string, number>();

  async reserve(_em: EntityManager, tenantId: string, amount: number, messageId: string): Promise<void> {
    const have = this.balance.get(tenantId) ?? this.startingBalance;
    if (have < amount) throw new ProblemError(402, 'insufficient_credits', `${amount} credits needed, ${have} left`);
    this.balance.set(tenantId, have - amount);
    this.reserved.set(messageId, amount);
    this.movements.push({ kind: 'reserve', tenantId, messageId, amount });
  }

  async consume(_em: EntityManager, tenantId: string, messageId: string, amount?: number): Promise<void> {
    this.movements.push({ kind: 'consume', tenantId, messageId, amount });
  }

  async refund(_em: EntityManager, tenantId: string, messageId: string, reason: string): Promise<void> {
    const amount = this.reserved.get(messageId) ?? 0;
    this.reserved.delete(messageId);
    this.balance.set(tenantId, (this.balance.get(tenantId) ?? this.startingBalance) + amount);
    this.movements.push({ kind: 'refund', tenantId, messageId, amount, reason });
  }
}
