import { ListQuerystring, parseListParams, problems, setContentRange, Type, type PlatformReply, type PlatformRequest, type RouteRegistrar } from '@platform/sdk';
import { authorOf } from '../model/change-author.ts';
import type { FlagDraft } from '../model/flag-draft.ts';
import { tenantViewOf, type FlagRecord } from '../model/flag-record.ts';
import { FlagCreateSchema, FlagUpdateSchema, ReasonBodySchema } from '../model/flag-schemas.ts';
import type { FlagServices } from '../service/flag-services.ts';
import { findFlag, listFlags } from '../store/flag-store.ts';
import { lastEvaluatedTimes } from '../store/flag-usage-store.ts';
import { reasonOf } from './change-reason.ts';
import { assertPlatformStaff, isPlatformStaff } from './request-scope.ts';

const tags = ['feature-flags'];
const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200, description: 'Flag id or key' }) });

const SORT_FIELDS = ['key', 'name', 'type', 'enabled', 'updatedAt', 'createdAt', 'rolloutPercentage', 'owner'];
const FILTER_FIELDS = ['key', 'type', 'enabled', 'archived', 'killSwitch', 'killed', 'tags', 'owner', 'valueType', 'q', 'id'];

function matchesFilter(flag: FlagRecord, filter: Record<string, unknown>): boolean {
  for (const [field, wanted] of Object.entries(filter)) {
    if (wanted === undefined || wanted === null || wanted === '') continue;
    const list = Array.isArray(wanted) ? wanted : [wanted];
    switch (field) {
      case 'q': {
        const q = String(wanted).toLowerCase();
        if (![flag.key, flag.name, flag.description].some((text) => text.toLowerCase().includes(q))) return false;
        break;
      }
      case 'id':
        if (!list.includes(flag.id) && !list.includes(flag.key)) return false;
        break;
      case 'tags':
        if (!list.some((tag) => flag.tags.includes(String(tag)))) return false;
        break;
      case 'killed':
        if ((flag.killedAt !== null) !== (wanted === true || wanted === 'true')) return false;
        break;
      default: {
        const actual = (flag as unknown as Record<string, unknown>)[field];
        if (!list.some((value) => String(value) === String(actual))) return false;
      }
    }
  }
  return true;
}

function compareBy(field: string, order: 'ASC' | 'DESC') {
  const sign = order === 'ASC' ? 1 : -1;
  return (a: FlagRecord, b: FlagRecord) => {
    const x = (a as unknown as Record<string, unknown>)[field];
    const y = (b as unknown as Record<string, unknown>)[field];
    if (x === y) return a.key.localeCompare(b.key);
    if (x === null || x === undefined) return 1;
    if (y === null || y === undefined) return -1;
    return (x < y ? -1 : 1) * sign;
  };
}

/** Flag definitions: react-admin CRUD (every change with a reason), kill switch and restore. */
export function flagRoutes(routes: RouteRegistrar, s: FlagServices): void {
  routes.add({
    method: 'GET',
    url: '/flags',
    permission: 'flags.read',
    tenantScoped: false,
    schema: { tags, summary: 'List flags (react-admin conventions); tenant users see a redacted view', querystring: ListQuerystring },
    async handler(req: PlatformRequest<{ Querystring: Record<string, unknown> }>, reply: PlatformReply) {
      const params = parseListParams(req.query, { sort: SORT_FIELDS, filter: FILTER_FIELDS });
      const [flags, evaluated] = await Promise.all([listFlags(s.db), lastEvaluatedTimes(s.db)]);
      const matching = flags.filter((flag) => matchesFilter(flag, params.filter));
      if (params.sort) matching.sort(compareBy(params.sort.field, params.sort.order));
      const page = matching.slice(params.offset, params.offset + params.limit);
      setContentRange(reply, 'flags', params.offset, page.length, matching.length);
      if (!isPlatformStaff(req)) return page.map(tenantViewOf);
      return page.map((flag) => ({ ...flag, lastEvaluatedAt: evaluated.get(flag.key)?.toISOString() ?? null }));
    },
  });

  routes.add({
    method: 'GET',
    url: '/flags/:id',
    permission: 'flags.read',
    tenantScoped: false,
    schema: { tags, summary: 'Get a flag by id or key', params: IdParams },
    async handler(req: PlatformRequest<{ Params: { id: string } }>) {
      const flag = await findFlag(s.db, req.params.id);
      if (!flag) throw problems.notFound(`Flag "${req.params.id}"`);
      if (!isPlatformStaff(req)) return tenantViewOf(flag);
      const evaluated = await lastEvaluatedTimes(s.db);
      return { ...flag, lastEvaluatedAt: evaluated.get(flag.key)?.toISOString() ?? null };
    },
  });

  routes.add({
    method: 'POST',
    url: '/flags',
    permission: 'flags.write',
    scope: 'platform', // flag definitions are platform-level (a tenant admin's flags.write covers its overrides)
    tenantScoped: false,
    schema: { tags, summary: 'Create a flag (reason required)', body: FlagCreateSchema },
    async handler(req: PlatformRequest<{ Body: Record<string, any> }>, reply: PlatformReply) {
      assertPlatformStaff(req);
      const { reason, ...input } = req.body;
      const created = await s.flags.create(input as Parameters<FlagServices['flags']['create']>[0], reason, authorOf(req));
      reply.status(201);
      return created;
    },
  });

  routes.add({
    method: ['PUT', 'PATCH'],
    url: '/flags/:id',
    permission: 'flags.write',
    scope: 'platform', // flag definitions are platform-level (a tenant admin's flags.write covers its overrides)
    tenantScoped: false,
    schema: { tags, summary: 'Change a flag (reason required); fields left out keep their value', params: IdParams, body: FlagUpdateSchema },
    async handler(req: PlatformRequest<{ Params: { id: string }; Body: Record<string, any> }>) {
      assertPlatformStaff(req);
      const { reason, id, ...patch } = req.body;
      if (id !== undefined && id !== req.params.id) {
        const byParam = await findFlag(s.db, req.params.id);
        if (byParam && byParam.id !== id) throw problems.validation('id', 'Body id does not match the URL');
      }
      return s.flags.update(req.params.id, patch as Partial<FlagDraft> & { key?: string }, reason, authorOf(req));
    },
  });

  routes.add({
    method: 'DELETE',
    url: '/flags/:id',
    permission: 'flags.write',
    scope: 'platform', // flag definitions are platform-level (a tenant admin's flags.write covers its overrides)
    tenantScoped: false,
    schema: { tags, summary: 'Delete a flag with its overrides (reason in the body, ?reason= or X-Change-Reason); consider archiving', params: IdParams },
    async handler(req: PlatformRequest<{ Params: { id: string } }>) {
      assertPlatformStaff(req);
      return s.flags.remove(req.params.id, reasonOf(req), authorOf(req));
    },
  });

  routes.add({
    method: 'POST',
    url: '/flags/:id/kill',
    permission: 'flags.kill',
    tenantScoped: false,
    schema: { tags, summary: 'Kill switch: turn the flag off everywhere now (reason required)', params: IdParams, body: ReasonBodySchema },
    async handler(req: PlatformRequest<{ Params: { id: string }; Body: { reason: string } }>) {
      assertPlatformStaff(req);
      return s.flags.kill(req.params.id, req.body.reason, authorOf(req));
    },
  });

  routes.add({
    method: 'POST',
    url: '/flags/:id/restore',
    permission: 'flags.kill',
    tenantScoped: false,
    schema: { tags, summary: 'End a kill: switch the flag back on (reason required)', params: IdParams, body: ReasonBodySchema },
    async handler(req: PlatformRequest<{ Params: { id: string }; Body: { reason: string } }>) {
      assertPlatformStaff(req);
      return s.flags.restore(req.params.id, req.body.reason, authorOf(req));
    },
  });
}
