import { ListQuerystring, ProblemError, Type, parseListParams, problems, setContentRange, type PlatformRequest, type PluginContext } from '@platform/sdk';
import { CreateRuleBody, UpdateRuleBody, checkRuleInput, type NotificationRule, type NotificationRuleInput } from './notification-rule.ts';
import type { EnabledRuleCache } from './enabled-rule-cache.ts';
import type { NotificationRuleStore, RuleOwner } from './notification-rule-store.ts';
import { NOTIFICATIONS_PLATFORM, NOTIFICATIONS_READ, NOTIFICATIONS_WRITE } from './notification-permissions.ts';

type CreateBody = NotificationRuleInput & { tenantId?: string | null };

/**
 * Who sees which rules: a caller acting in a tenant (a tenant user, or staff with X-Tenant-Id) that tenant's
 * rules only; staff with no tenant selected and `messaging.notifications.platform` every rule, the platform's
 * (tenant null) included. Anyone else: 403 (list) or 404 (a rule they may not see).
 */
export function listOwner(req: PlatformRequest): RuleOwner {
  if (req.ctx.tenantId) return { kind: 'tenant', tenantId: req.ctx.tenantId };
  req.ctx.require(NOTIFICATIONS_PLATFORM);
  return { kind: 'all' };
}

export function canSeeRule(req: PlatformRequest, rule: { tenantId: string | null }): boolean {
  if (req.ctx.tenantId) return rule.tenantId === req.ctx.tenantId;
  return req.ctx.can(NOTIFICATIONS_PLATFORM);
}

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** `/api/messaging/notification-rules`: list, get, create, update, delete. */
export function addNotificationRuleRoutes(ctx: PluginContext, store: NotificationRuleStore, enabledRules: EnabledRuleCache): void {
  const visibleRule = async (req: PlatformRequest, id: string): Promise<NotificationRule> => {
    const rule = await store.get(id);
    if (!rule || !canSeeRule(req, rule)) throw problems.notFound('Notification rule');
    return rule;
  };

  ctx.routes.add({
    method: 'GET',
    url: '/notification-rules',
    permission: NOTIFICATIONS_READ,
    tenantScoped: false,
    schema: { summary: 'Notification rules', tags: ['messaging'], querystring: ListQuerystring },
    handler: async (req: PlatformRequest<{ Querystring: Record<string, unknown> }>, reply) => {
      const owner = listOwner(req);
      const { offset, limit } = parseListParams(req.query, { sort: [], filter: {} });
      const { rules, total } = await store.list(owner, { offset, limit });
      setContentRange(reply, 'notification-rules', offset, rules.length, total);
      return rules;
    },
  });

  ctx.routes.add({
    method: 'GET',
    url: '/notification-rules/:id',
    permission: NOTIFICATIONS_READ,
    tenantScoped: false,
    schema: { summary: 'A notification rule', tags: ['messaging'], params: IdParams },
    handler: (req: PlatformRequest<{ Params: { id: string } }>) => visibleRule(req, req.params.id),
  });

  ctx.routes.add({
    method: 'POST',
    url: '/notification-rules',
    permission: NOTIFICATIONS_WRITE,
    tenantScoped: false,
    schema: { summary: 'Create a notification rule', tags: ['messaging'], body: CreateRuleBody },
    handler: async (req: PlatformRequest<{ Body: CreateBody }>, reply) => {
      const body = req.body;
      let tenantId: string | null;
      if (body.tenantId === undefined) tenantId = req.ctx.tenantId;
      else if (body.tenantId === null) tenantId = null;
      else tenantId = req.ctx.tenantsNamed('tenantId', body.tenantId)?.[0] ?? body.tenantId;
      if (tenantId === null) req.ctx.require(NOTIFICATIONS_PLATFORM);
      else if (!(await ctx.tenants.get(tenantId))) throw new ProblemError(400, 'validation_failed', 'tenantId names no tenant', { field: 'tenantId' });
      const input = checkRuleInput({
        name: body.name,
        eventPattern: body.eventPattern,
        channel: body.channel,
        templateKey: body.templateKey,
        recipients: body.recipients ?? [],
        recipientPaths: body.recipientPaths ?? [],
        enabled: body.enabled ?? true,
      });
      const rule = await enabledRules.change(async (em) => {
        const created = await store.insert(em, tenantId, input);
        await req.ctx.audit({ action: 'messaging.notification_rule.created', tenantId, targetType: 'messaging.notification_rule', targetId: created.id, after: created }, em);
        return created;
      });
      reply.code(201);
      return rule;
    },
  });

  ctx.routes.add({
    method: ['PUT', 'PATCH'],
    url: '/notification-rules/:id',
    permission: NOTIFICATIONS_WRITE,
    tenantScoped: false,
    schema: { summary: 'Change a notification rule', tags: ['messaging'], params: IdParams, body: UpdateRuleBody },
    handler: async (req: PlatformRequest<{ Params: { id: string }; Body: Partial<NotificationRuleInput> }>) => {
      const before = await visibleRule(req, req.params.id);
      const input = checkRuleInput({
        name: req.body.name ?? before.name,
        eventPattern: req.body.eventPattern ?? before.eventPattern,
        channel: req.body.channel ?? before.channel,
        templateKey: req.body.templateKey ?? before.templateKey,
        recipients: req.body.recipients ?? before.recipients,
        recipientPaths: req.body.recipientPaths ?? before.recipientPaths,
        enabled: req.body.enabled ?? before.enabled,
      });
      return enabledRules.change(async (em) => {
        const after = await store.update(em, before.id, input);
        await req.ctx.audit({ action: 'messaging.notification_rule.updated', tenantId: before.tenantId, targetType: 'messaging.notification_rule', targetId: before.id, before, after }, em);
        return after;
      });
    },
  });

  ctx.routes.add({
    method: 'DELETE',
    url: '/notification-rules/:id',
    permission: NOTIFICATIONS_WRITE,
    tenantScoped: false,
    schema: { summary: 'Delete a notification rule (and its delivery records)', tags: ['messaging'], params: IdParams },
    handler: async (req: PlatformRequest<{ Params: { id: string } }>) => {
      const before = await visibleRule(req, req.params.id);
      await enabledRules.change(async (em) => {
        await store.delete(em, before.id);
        await req.ctx.audit({ action: 'messaging.notification_rule.deleted', tenantId: before.tenantId, targetType: 'messaging.notification_rule', targetId: before.id, before }, em);
      });
      return before;
    },
  });
}
