import { ProblemError, Type, type EntityManager, type PluginContext, type TObject } from '@platform/sdk';
import { BILLING_PERMISSIONS } from '../billing-permissions.ts';

/** One of billing's staff-edited rate tables (tax rates, overage prices): rows keyed by what they price, set by PUT. */
export interface RateTable<R extends { id: string }, B> {
  /** Under `/api/billing`, e.g. `/tax-rates`. */
  path: string;
  /** For messages: `tax rate`. */
  noun: string;
  /** The audit actions are `billing.<auditKind>.set` and `billing.<auditKind>.removed`. */
  auditKind: string;
  summaries: { list: string; set: string; remove: string };
  body: TObject;
  list(): Promise<R[]>;
  get(id: string, em: EntityManager): Promise<R | null>;
  remove(em: EntityManager, id: string): Promise<boolean>;
  /** Refuses what the body schema cannot (400 naming the field), before the transaction. */
  check(body: B): Promise<void> | void;
  /** Creates or replaces the row the body names, in `em`. */
  set(em: EntityManager, body: B): Promise<R>;
  /** The tenant a row belongs to, for the audit trail (a tenant's own tax rate); null for platform-wide rows. */
  tenantOf?(row: R): string | null;
}

/**
 * Staff routes of a rate table: `GET <path>`, `PUT <path>` (create or replace, audited `billing.<kind>.set`) and
 * `DELETE <path>/:id` (404 when absent, audited `billing.<kind>.removed`), each write in one transaction with its audit.
 */
export function addRateTableRoutes<R extends { id: string }, B>(ctx: PluginContext, table: RateTable<R, B>): void {
  const tags = ['billing'];
  const tenantOf = (row: R) => table.tenantOf?.(row) ?? null;

  ctx.routes.add({
    method: 'GET',
    url: table.path,
    permission: BILLING_PERMISSIONS.write,
    tenantScoped: false,
    schema: { summary: table.summaries.list, tags },
    handler: () => table.list(),
  });

  ctx.routes.add({
    method: 'PUT',
    url: table.path,
    permission: BILLING_PERMISSIONS.write,
    tenantScoped: false,
    schema: { summary: table.summaries.set, tags, body: table.body },
    async handler(req) {
      const body = req.body as B;
      await table.check(body);
      return ctx.db.system().transactional(async (em) => {
        const after = await table.set(em, body);
        await req.ctx.audit({ action: `billing.${table.auditKind}.set`, tenantId: tenantOf(after), targetType: `billing.${table.auditKind}`, targetId: after.id, after }, em);
        return after;
      });
    },
  });

  ctx.routes.add({
    method: 'DELETE',
    url: `${table.path}/:id`,
    permission: BILLING_PERMISSIONS.write,
    tenantScoped: false,
    schema: { summary: table.summaries.remove, tags, params: Type.Object({ id: Type.String({ format: 'uuid' }) }) },
    async handler(req, reply) {
      const { id } = req.params as { id: string };
      await ctx.db.system().transactional(async (em) => {
        const before = await table.get(id, em);
        if (!before || !(await table.remove(em, id))) throw new ProblemError(404, 'not_found', `${table.noun} ${id} not found`);
        await req.ctx.audit({ action: `billing.${table.auditKind}.removed`, tenantId: tenantOf(before), targetType: `billing.${table.auditKind}`, targetId: id, before }, em);
      });
      return reply.status(204).send();
    },
  });
}
