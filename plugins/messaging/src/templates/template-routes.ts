import { SendingTemplateCache } from './sending-template-cache.ts';
import { ListQuerystring, parseListParams, problems, setContentRange, Type, type PlatformReply, type PlatformRequest, type PluginContext } from '@platform/sdk';
import { MESSAGE_TEMPLATE_DEFAULTS, type MessageChannel } from '@platform/sdk/messaging';
import { TEMPLATES_READ, TEMPLATES_WRITE, visibilityOf } from './template-access.ts';
import { DEFAULT_TEMPLATES } from './default-templates.ts';
import { StoredTemplateRenderer } from './template-renderer.ts';
import { TEMPLATE_BODY_LIMIT, TemplateCreateSchema, TemplatePreviewSchema, TemplateUpdateSchema, TemplateValidateSchema } from './template-schemas.ts';
import { TemplateService, type TemplateInput } from './template-service.ts';
import { listTemplates, TEMPLATE_FILTER_FIELDS, TEMPLATE_SORT_FIELDS, type TemplateQuery } from './template-store.ts';
import { validateDraft } from './template-validation.ts';
import { seedDefaultTemplates } from './seed-default-templates.ts';

const tags = ['messaging'];
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

const list = (v: unknown): string | string[] | undefined => (v === undefined || v === null || v === '' ? undefined : Array.isArray(v) ? v.map(String) : String(v));

/**
 * `/api/messaging/templates`: list (react-admin `sort`/`range`/`filter`, `Content-Range`), create, get
 * with versions, update (a new version), delete (archive), preview, validate. Tenant users see the
 * platform's templates and their tenant's, and change their tenant's only; staff change platform
 * templates with `messaging.templates.platform.write`, a tenant's by naming it (`tenantId`).
 */
export function registerTemplateRoutes(ctx: Pick<PluginContext, 'routes'>, service: TemplateService): void {
  const { routes } = ctx;
  routes.add({
    method: 'GET',
    url: '/templates',
    permission: TEMPLATES_READ,
    tenantScoped: false,
    schema: { tags, summary: 'List templates (filters: channel, key, scope platform|tenant, tenantId, archived, q, id)', querystring: ListQuerystring },
    async handler(req: PlatformRequest<{ Querystring: Record<string, unknown> }>, reply: PlatformReply) {
      const params = parseListParams(req.query, { sort: TEMPLATE_SORT_FIELDS, filter: TEMPLATE_FILTER_FIELDS });
      const f = params.filter;
      if (f.scope !== undefined && f.scope !== 'platform' && f.scope !== 'tenant') throw problems.validation('filter.scope', '"filter.scope" is platform or tenant');
      if (f.tenantId !== undefined && f.tenantId !== null) req.ctx.tenantsNamed('filter.tenantId', list(f.tenantId) as string[]);
      const query: TemplateQuery = {
        channel: list(f.channel),
        key: list(f.key),
        scope: f.scope as TemplateQuery['scope'],
        tenantId: list(f.tenantId),
        id: list(f.id),
        archived: f.archived === true,
        q: typeof f.q === 'string' ? f.q : undefined,
      };
      const { rows, total } = await listTemplates(service.db, visibilityOf(req), query, params);
      setContentRange(reply, 'templates', params.offset, rows.length, total);
      return service.withCurrent(rows);
    },
  });

  routes.add({
    method: 'GET',
    url: '/templates/:id',
    permission: TEMPLATES_READ,
    tenantScoped: false,
    schema: { tags, summary: 'A template with its current version per language and its whole version history', params: IdParams },
    async handler(req: PlatformRequest<{ Params: { id: string } }>) {
      return service.get(req, req.params.id);
    },
  });

  routes.add({
    method: 'POST',
    url: '/templates',
    permission: TEMPLATES_WRITE,
    tenantScoped: false,
    bodyLimit: TEMPLATE_BODY_LIMIT,
    schema: { tags, summary: 'Create a template and its first version (in the default language); tenants create overrides of platform keys', body: TemplateCreateSchema },
    async handler(req: PlatformRequest<{ Body: TemplateInput }>, reply: PlatformReply) {
      const created = await service.create(req, req.body);
      reply.status(201);
      return created;
    },
  });

  routes.add({
    method: ['PUT', 'PATCH'],
    url: '/templates/:id',
    permission: TEMPLATES_WRITE,
    tenantScoped: false,
    bodyLimit: TEMPLATE_BODY_LIMIT,
    schema: { tags, summary: 'Save a new version of one language (parts given replace the current ones) and/or change description, variables, default language', params: IdParams, body: TemplateUpdateSchema },
    async handler(req: PlatformRequest<{ Params: { id: string }; Body: TemplateInput }>) {
      return service.update(req, req.params.id, req.body);
    },
  });

  routes.add({
    method: 'DELETE',
    url: '/templates/:id',
    permission: TEMPLATES_WRITE,
    tenantScoped: false,
    schema: { tags, summary: 'Archive a template (its versions are kept; an archived override lets the platform template apply again)', params: IdParams },
    async handler(req: PlatformRequest<{ Params: { id: string } }>) {
      return service.archive(req, req.params.id);
    },
  });

  routes.add({
    method: 'POST',
    url: '/templates/:id/preview',
    permission: TEMPLATES_READ,
    tenantScoped: false,
    schema: { tags, summary: 'Render a template with sample data (declared samples fill what is not given): SMS body and segments, or email subject, HTML and text', params: IdParams, body: TemplatePreviewSchema },
    async handler(req: PlatformRequest<{ Params: { id: string }; Body: { data?: Record<string, unknown>; language?: string } }>) {
      const { data, language } = req.body ?? {};
      const rendered = await service.preview(req, req.params.id, data ?? {}, language);
      return { templateId: rendered.templateId, versionId: rendered.versionId, version: rendered.version, language: rendered.language, ...rendered.parts };
    },
  });

  routes.add({
    method: 'POST',
    url: '/templates/validate',
    permission: TEMPLATES_READ,
    tenantScoped: false,
    bodyLimit: TEMPLATE_BODY_LIMIT,
    schema: { tags, summary: 'Check an unsaved template as the editor types: variables found, errors with their field, a preview and the SMS segment count', body: TemplateValidateSchema },
    async handler(req: PlatformRequest<{ Body: TemplateInput & { templateId?: string; data?: Record<string, unknown> } }>) {
      const { templateId, data, channel: givenChannel, variables: givenVariables, ...content } = req.body;
      const saved = templateId ? await service.visible(req, templateId) : null;
      const channel: MessageChannel | undefined = givenChannel ?? saved?.channel;
      if (!channel) throw problems.validation('channel', 'Give the channel (sms or email) or a templateId');
      return validateDraft(channel, givenVariables ?? saved?.variables ?? [], content, data ?? {});
    },
  });
}

/**
 * Templates in the messaging plugin's `boot()`: registers the routes, seeds the default platform templates
 * (idempotent) and returns the renderer sending uses (`TemplateRenderer.render`).
 */
export async function addTemplateRoutes(ctx: Pick<PluginContext, 'routes' | 'db' | 'tenants' | 'logger' | 'extensions' | 'broadcast'>): Promise<StoredTemplateRenderer> {
  const renderer = new StoredTemplateRenderer(ctx.db, ctx.tenants, new SendingTemplateCache(ctx));
  registerTemplateRoutes(ctx, new TemplateService(ctx.db, renderer, ctx.tenants));
  // Its own defaults, then those other plugins contribute (support's auto-replies...).
  await seedDefaultTemplates(ctx.db, [...DEFAULT_TEMPLATES, ...ctx.extensions.get(MESSAGE_TEMPLATE_DEFAULTS)], ctx.logger);
  return renderer;
}
