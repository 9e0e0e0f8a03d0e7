import { ProblemError, Type, type PlatformReply, type PlatformRequest, type PluginContext } from '@platform/sdk';
import { validateStepAnswers } from '@platform/sdk/onboarding';
import type { ConnectionStore } from './connection-store.ts';
import { exchangeShopifyCode, isShopDomain, registerShopifyWebhooks, SHOPIFY_WEBHOOK_TOPICS, shopBaseUrl, shopifyAuthorizeUrl, verifyShopifyQuery, verifyShopifyWebhook } from '../providers/shopify-oauth.ts';
import { exchangeStripeCode, stripeAuthorizeUrl } from '../providers/stripe-connect.ts';
import { wiseProfiles } from '../providers/wise-profiles.ts';
import { SHOPIFY_SCHEMA } from '../steps/shopify-step.ts';
import { wizardSettings } from '../wizard-settings.ts';
import { WIZARD_PERMISSION } from '../wizard-access.ts';

const tags = ['onboarding'];
const PREFIX = '/api/onboarding/wizard';
/** Shopify refuses callbacks older than this. */
const CALLBACK_MAX_AGE_SECONDS = 24 * 3600;

/** The origin the browser reached us at: OAuth redirect URIs and webhook addresses point back there. */
function originOf(req: PlatformRequest): string {
  return `${req.protocol}://${req.host}`;
}

function notConfigured(what: string): ProblemError {
  return new ProblemError(409, 'not_configured', `${what} is not configured on this platform (Plugins → onboarding settings)`);
}

const Str = (max: number) => Type.String({ minLength: 1, maxLength: max });

/**
 * The external accounts of steps 2 and 3, under `/api/onboarding/wizard`: Shopify's and Stripe Connect's OAuth
 * rounds (authorize URL with a single-use state, callback exchanging the code), Wise's token check, and the
 * Shopify webhook receiver (public, HMAC-checked).
 */
export function addConnectionRoutes(ctx: PluginContext, connections: ConnectionStore): void {
  const permission = WIZARD_PERMISSION;

  ctx.routes.add({
    method: 'POST', url: '/wizard/shopify/authorize', permission,
    schema: { tags, summary: "Starts Shopify's OAuth: the authorize URL (scopes chosen, single-use state)", body: Type.Object({ shop: Type.Unknown(), scopes: Type.Unknown() }, { additionalProperties: false }) },
    async handler(req: PlatformRequest<{ Body: Record<string, unknown> }>) {
      const tenantId = req.ctx.requireTenant();
      let asked: { shop: string; scopes: string[] };
      try {
        asked = validateStepAnswers(SHOPIFY_SCHEMA, req.body) as typeof asked;
      } catch (err) {
        if (err instanceof ProblemError && err.field) throw new ProblemError(400, err.code, err.message.replace(/^answers\./, ''), { field: err.field.replace(/^answers\./, '') });
        throw err;
      }
      const s = await wizardSettings(ctx);
      if (!s.shopifyApiKey || !s.shopifyApiSecret) throw notConfigured('The Shopify app');
      const state = await connections.beginOAuth(tenantId, 'shopify', { shop: asked.shop, scopes: asked.scopes });
      const authorizeUrl = shopifyAuthorizeUrl(shopBaseUrl(s.shopifyBaseUrl, asked.shop), { apiKey: s.shopifyApiKey, scopes: asked.scopes, redirectUri: `${originOf(req)}${PREFIX}/shopify/callback`, state });
      return { authorizeUrl };
    },
  });

  ctx.routes.add({
    method: 'GET', url: '/wizard/shopify/callback', permission,
    schema: {
      tags,
      summary: "Shopify's OAuth callback: checks the HMAC, the state and the shop, exchanges the code, registers the webhooks",
      querystring: Type.Object({ code: Str(512), hmac: Str(128), shop: Str(255), state: Str(128), timestamp: Type.String({ pattern: '^[0-9]{1,12}$' }) }, { additionalProperties: Type.String({ maxLength: 1000 }) }),
    },
    async handler(req: PlatformRequest<{ Querystring: Record<string, string> }>, reply: PlatformReply) {
      const tenantId = req.ctx.requireTenant();
      // Shopify signs every parameter it sent: take them as received, not as the schema kept them.
      const q = Object.fromEntries(new URL(req.url, 'http://callback').searchParams) as Record<string, string>;
      const s = await wizardSettings(ctx);
      if (!s.shopifyApiKey || !s.shopifyApiSecret) throw notConfigured('The Shopify app');
      if (!verifyShopifyQuery(q, s.shopifyApiSecret)) throw new ProblemError(400, 'shopify_hmac_invalid', 'The callback is not signed by Shopify', { field: 'hmac' });
      if (!isShopDomain(q.shop)) throw new ProblemError(400, 'validation_failed', 'Not a myshopify.com shop domain', { field: 'shop' });
      if (Math.abs(Date.now() / 1000 - Number(q.timestamp)) > CALLBACK_MAX_AGE_SECONDS) throw new ProblemError(400, 'validation_failed', 'The callback is too old; connect again', { field: 'timestamp' });
      const pending = await connections.consumeOAuthState(tenantId, 'shopify', q.state);
      if (!pending) throw new ProblemError(400, 'oauth_state_invalid', 'This authorization was not started here, or was already used; connect again', { field: 'state' });
      if (pending.shop !== q.shop) throw new ProblemError(400, 'validation_failed', `The authorization was for ${String(pending.shop)}, not ${q.shop}`, { field: 'shop' });
      const base = shopBaseUrl(s.shopifyBaseUrl, q.shop);
      const { accessToken, scopes } = await exchangeShopifyCode(base, { apiKey: s.shopifyApiKey, apiSecret: s.shopifyApiSecret, code: q.code });
      const webhooks = await registerShopifyWebhooks(base, { apiVersion: s.shopifyApiVersion, accessToken, address: `${originOf(req)}${PREFIX}/shopify/webhooks`, topics: SHOPIFY_WEBHOOK_TOPICS });
      await connections.connect(tenantId, 'shopify', accessToken, { shop: q.shop, scopes, requestedScopes: pending.scopes ?? [], webhooks });
      await req.ctx.audit({ action: 'onboarding.shopify_connected', targetType: 'shopify_shop', targetId: q.shop, after: { scopes, webhooks: webhooks.map((w) => w.topic) } });
      return reply.redirect('/onboarding/wizard/shopify?connected=shopify', 302);
    },
  });

  ctx.routes.add({
    method: 'POST', url: '/wizard/shopify/webhooks', public: true, tenantScoped: false, rawBody: true, bodyLimit: 1024 * 1024,
    schema: { tags, summary: "Shopify's webhooks for connected shops (HMAC of the raw body); app/uninstalled disconnects the shop" },
    async handler(req: PlatformRequest, reply: PlatformReply) {
      const s = await wizardSettings(ctx);
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const header = req.headers['x-shopify-hmac-sha256'];
      if (!s.shopifyApiSecret || !verifyShopifyWebhook(raw, typeof header === 'string' ? header : undefined, s.shopifyApiSecret)) {
        throw new ProblemError(401, 'shopify_hmac_invalid', 'The webhook is not signed by Shopify', { field: 'x-shopify-hmac-sha256' });
      }
      const shop = String(req.headers['x-shopify-shop-domain'] ?? '');
      const topic = String(req.headers['x-shopify-topic'] ?? '');
      if (topic === 'app/uninstalled' && isShopDomain(shop)) {
        const rows = await ctx.db.sql<{ tenantId: string }>(`SELECT tenant_id AS "tenantId" FROM onboarding_connections WHERE provider = 'shopify' AND details->>'shop' = $1`, [shop]);
        for (const r of rows) await connections.markDisconnected(r.tenantId, 'shopify');
      }
      return reply.code(200).send({ received: true });
    },
  });

  ctx.routes.add({
    method: 'POST', url: '/wizard/stripe/authorize', permission,
    schema: { tags, summary: 'Starts Stripe Connect OAuth: the authorize URL (single-use state)', body: Type.Optional(Type.Object({}, { additionalProperties: false })) },
    async handler(req: PlatformRequest) {
      const tenantId = req.ctx.requireTenant();
      const s = await wizardSettings(ctx);
      if (!s.stripeConnectClientId || !s.stripeSecretKey) throw notConfigured('Stripe Connect');
      const state = await connections.beginOAuth(tenantId, 'stripe', {});
      return { authorizeUrl: stripeAuthorizeUrl(s.stripeConnectBaseUrl, { clientId: s.stripeConnectClientId, redirectUri: `${originOf(req)}${PREFIX}/stripe/callback`, state }) };
    },
  });

  ctx.routes.add({
    method: 'GET', url: '/wizard/stripe/callback', permission,
    schema: {
      tags,
      summary: 'Stripe Connect OAuth callback: checks the state, exchanges the code at /oauth/token',
      querystring: Type.Object({ code: Type.Optional(Str(512)), state: Str(128), scope: Type.Optional(Str(100)), error: Type.Optional(Str(100)), error_description: Type.Optional(Str(1000)) }, { additionalProperties: false }),
    },
    async handler(req: PlatformRequest<{ Querystring: { code?: string; state: string; error?: string; error_description?: string } }>, reply: PlatformReply) {
      const tenantId = req.ctx.requireTenant();
      const s = await wizardSettings(ctx);
      if (!s.stripeConnectClientId || !s.stripeSecretKey) throw notConfigured('Stripe Connect');
      const pending = await connections.consumeOAuthState(tenantId, 'stripe', req.query.state);
      if (!pending) throw new ProblemError(400, 'oauth_state_invalid', 'This authorization was not started here, or was already used; connect again', { field: 'state' });
      if (req.query.error) return reply.redirect(`/onboarding/wizard/payments?error=${encodeURIComponent(req.query.error_description ?? req.query.error)}`, 302);
      if (!req.query.code) throw new ProblemError(400, 'validation_failed', 'The callback has no code', { field: 'code' });
      const account = await exchangeStripeCode(s.stripeConnectBaseUrl, { secretKey: s.stripeSecretKey, code: req.query.code });
      await connections.connect(tenantId, 'stripe', account.accessToken, { accountId: account.accountId, livemode: account.livemode, scope: account.scope });
      await req.ctx.audit({ action: 'onboarding.stripe_connected', targetType: 'stripe_account', targetId: account.accountId });
      return reply.redirect('/onboarding/wizard/payments?connected=stripe', 302);
    },
  });

  ctx.routes.add({
    method: 'POST', url: '/wizard/wise/token', permission,
    schema: { tags, summary: "Checks a Wise API token against Wise's profiles and keeps it sealed", body: Type.Object({ apiToken: Type.String({ minLength: 16, maxLength: 200, pattern: '^[A-Za-z0-9-]+$' }) }, { additionalProperties: false }) },
    async handler(req: PlatformRequest<{ Body: { apiToken: string } }>) {
      const tenantId = req.ctx.requireTenant();
      const s = await wizardSettings(ctx);
      if (!s.wiseBaseUrl) throw notConfigured('Wise');
      const profiles = await wiseProfiles(s.wiseBaseUrl, req.body.apiToken, 'apiToken');
      if (!profiles.length) throw new ProblemError(400, 'validation_failed', 'This Wise token has no profiles', { field: 'apiToken' });
      await connections.connect(tenantId, 'wise', req.body.apiToken, { profiles });
      await req.ctx.audit({ action: 'onboarding.wise_connected', targetType: 'wise_profiles', targetId: profiles.map((p) => p.id).join(',') });
      return { profiles };
    },
  });
}
