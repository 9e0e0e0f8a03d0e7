import { ListQuerystring, parseListParams, problems, replyInMemoryList, setContentRange, type EntityManager, type PlatformReply, type PlatformRequest, type PluginContext } from '@platform/sdk';
import type { CreditDeposits, DepositInput } from './credit-deposits.ts';
import type { CreditLedger } from './credit-ledger.ts';
import { creditAmount, creditExpiry, creditReason, lowBalanceThreshold, purchaseKey } from './credit-input.ts';
import { CREDIT_PERMISSIONS } from './credit-permissions.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LEDGER_PAGE = { defaultPage: 50, maxPage: 500 };
const TenantParams = { type: 'object', properties: { tenantId: { type: 'string' } }, required: ['tenantId'] };

function bodyOf(req: PlatformRequest): Record<string, unknown> {
  const body = req.body;
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) throw problems.validation('body', 'the body must be a JSON object');
  return body as Record<string, unknown>;
}

function actorOf(req: PlatformRequest): { actorId: string | null; actorLabel: string } {
  const a = req.ctx.actor;
  return { actorId: a?.id ?? null, actorLabel: a?.email ?? a?.name ?? a?.id ?? 'unknown' };
}

/** The balance and one page of the ledger (newest first), with the page's Content-Range. */
export async function replyAccountWithLedger(ledger: CreditLedger, em: EntityManager, tenantId: string, req: PlatformRequest, reply: PlatformReply) {
  const params = parseListParams(req.query as Record<string, unknown>, LEDGER_PAGE);
  const account = await ledger.account(em, tenantId);
  const { rows, total } = await ledger.page(em, tenantId, params.offset, params.limit);
  setContentRange(reply, 'credit-movements', params.offset, rows.length, total);
  return { ...account, movements: rows, total };
}

/**
 * Staff routes over every tenant's SMS credits: accounts, one account's ledger, admin top-ups (with a
 * required reason, audited), purchases (idempotent per client key) and low-balance thresholds.
 */
export function addCreditRoutes(ctx: PluginContext, ledger: CreditLedger, deposits: CreditDeposits, clock: () => number): void {
  async function tenantNamed(req: PlatformRequest): Promise<string> {
    const { tenantId } = req.params as { tenantId: string };
    if (!UUID.test(tenantId)) throw problems.validation('tenantId', '"tenantId" must be a tenant id (uuid)');
    const tenant = await ctx.tenants.get(tenantId);
    if (!tenant) throw problems.notFound('Tenant');
    return tenant.id;
  }

  ctx.routes.add({
    method: 'GET',
    url: '/credits',
    permission: CREDIT_PERMISSIONS.read,
    tenantScoped: false,
    schema: { summary: "Every tenant's SMS credit account: balance, low-balance threshold, whether it is low", querystring: ListQuerystring },
    async handler(req: PlatformRequest, reply: PlatformReply) {
      const filter = parseListParams(req.query as Record<string, unknown>, { filter: { q: 'string', low: 'boolean' } }).filter;
      const accounts = new Map((await ledger.accounts(ctx.db.system())).map((a) => [a.tenantId, a]));
      const tenants = await ctx.tenants.list({ status: ['provisioning', 'active', 'suspended'] });
      let rows = tenants.map((t) => {
        const a = accounts.get(t.id) ?? null;
        return {
          id: t.id, tenantId: t.id, slug: t.slug, name: t.name, status: t.status,
          balance: a?.balance ?? 0, threshold: a?.threshold ?? null, customThreshold: a?.customThreshold ?? null, low: a?.low ?? false, updatedAt: a?.updatedAt ?? null,
        };
      });
      if (typeof filter.q === 'string' && filter.q) {
        const q = filter.q.toLowerCase();
        rows = rows.filter((r) => r.slug.toLowerCase().includes(q) || r.name.toLowerCase().includes(q));
      }
      if (typeof filter.low === 'boolean') rows = rows.filter((r) => r.low === filter.low);
      return replyInMemoryList(req.query as Record<string, unknown>, reply, 'credit-accounts', rows, { sort: ['slug', 'name', 'balance', 'threshold', 'updatedAt'], filter: { q: 'string', low: 'boolean' } });
    },
  });

  ctx.routes.add({
    method: 'GET',
    url: '/credits/:tenantId',
    permission: CREDIT_PERMISSIONS.read,
    tenantScoped: false,
    schema: { summary: "A tenant's SMS credit balance and a page of its ledger (newest first; range=[first,last])", params: TenantParams, querystring: ListQuerystring },
    async handler(req: PlatformRequest, reply: PlatformReply) {
      const tenantId = await tenantNamed(req);
      return replyAccountWithLedger(ledger, ctx.db.forTenant(tenantId), tenantId, req, reply);
    },
  });

  async function depositRoute(req: PlatformRequest, reply: PlatformReply, kind: 'top_up' | 'purchase') {
    const tenantId = await tenantNamed(req);
    const body = bodyOf(req);
    const clientKey = kind === 'purchase' ? purchaseKey(body.idempotencyKey) : undefined;
    const input: DepositInput = {
      kind,
      amount: creditAmount(body.amount),
      reason: kind === 'top_up' ? creditReason(body.reason) : body.reason === undefined ? null : creditReason(body.reason),
      expiresAt: creditExpiry(body.expiresAt, clock()),
      idempotencyKey: clientKey ? `purchase:${clientKey}` : null,
      ...actorOf(req),
    };
    const result = await deposits.deposit(tenantId, input, (em, r) =>
      req.ctx.audit(
        { action: `messaging.credits.${kind}`, tenantId, targetType: 'messaging.credit_account', targetId: tenantId, after: { amount: input.amount, expiresAt: input.expiresAt?.toISOString() ?? null, balance: r.balance, movementId: r.movement.id }, reason: input.reason },
        em,
      ),
    );
    reply.status(result.created ? 201 : 200);
    return { created: result.created, balance: result.balance, movement: result.movement };
  }

  ctx.routes.add({
    method: 'POST',
    url: '/credits/:tenantId/top-up',
    permission: CREDIT_PERMISSIONS.write,
    tenantScoped: false,
    schema: { summary: "Admin top-up of a tenant's SMS credits: { amount: whole number > 0, reason, expiresAt? } (audited)", params: TenantParams },
    handler: (req: PlatformRequest, reply: PlatformReply) => depositRoute(req, reply, 'top_up'),
  });

  ctx.routes.add({
    method: 'POST',
    url: '/credits/:tenantId/purchase',
    permission: CREDIT_PERMISSIONS.write,
    tenantScoped: false,
    schema: { summary: 'Records credits a tenant bought: { amount, expiresAt?, idempotencyKey? (e.g. the payment id; a repeat answers 200 with the first), reason? } (audited)', params: TenantParams },
    handler: (req: PlatformRequest, reply: PlatformReply) => depositRoute(req, reply, 'purchase'),
  });

  ctx.routes.add({
    method: 'PUT',
    url: '/credits/:tenantId/threshold',
    permission: CREDIT_PERMISSIONS.write,
    tenantScoped: false,
    schema: { summary: "Sets a tenant's low-balance threshold: { threshold: whole number >= 0, or null for the default } (audited)", params: TenantParams },
    async handler(req: PlatformRequest) {
      const tenantId = await tenantNamed(req);
      const body = bodyOf(req);
      if (!('threshold' in body)) throw problems.validation('threshold', '"threshold" is required (null for the default)');
      const threshold = lowBalanceThreshold(body.threshold);
      return deposits.setThreshold(tenantId, threshold, (em, before) =>
        req.ctx.audit({ action: 'messaging.credits.threshold', tenantId, targetType: 'messaging.credit_account', targetId: tenantId, before: { threshold: before }, after: { threshold } }, em),
      );
    },
  });
}

/** A tenant's own credits: balance and ledger, under its row scope (never another tenant's). */
export function addTenantCreditRoutes(ctx: PluginContext, ledger: CreditLedger): void {
  ctx.routes.add({
    method: 'GET',
    url: '/my/credits',
    permission: CREDIT_PERMISSIONS.tenantRead,
    tenantScoped: true,
    schema: { summary: "The current tenant's SMS credit balance and a page of its ledger (newest first)", querystring: ListQuerystring },
    async handler(req: PlatformRequest, reply: PlatformReply) {
      const tenantId = req.ctx.requireTenant();
      return replyAccountWithLedger(ledger, req.ctx.em, tenantId, req, reply);
    },
  });
}
