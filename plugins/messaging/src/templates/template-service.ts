import { ProblemError, problems, type Database, type EntityManager, type PlatformRequest, type TenantDirectory } from '@platform/sdk';
import type { MessageChannel } from '@platform/sdk/messaging';
import { assertCanChange, ownerOfNewTemplate, visibilityOf } from './template-access.ts';
import { checkTemplateContent, CONTENT_PARTS, type ContentIssue, type TemplateContent } from './template-content.ts';
import { requireLanguage } from './template-language.ts';
import { contentOf, type TemplateRecord, type TemplateVersionRecord } from './template-record.ts';
import type { RenderedTemplate, StoredTemplateRenderer } from './template-renderer.ts';
import {
  archiveTemplate,
  currentVersions,
  findPlatformTemplate,
  findTemplate,
  insertTemplate,
  insertVersion,
  lockTemplate,
  updateTemplateMeta,
  versionHistory,
} from './template-store.ts';
import { normalizeVariables, type TemplateVariable } from './template-variables.ts';

/** What create and update take (content fields flat, as the editor sends them). */
export interface TemplateInput extends TemplateContent {
  key?: string;
  channel?: MessageChannel;
  description?: string;
  variables?: Partial<TemplateVariable>[];
  defaultLanguage?: string;
  /** The language of the content given; default: the template's default language. */
  language?: string;
  /** Staff: the tenant whose template (override) this is; absent: a platform template. */
  tenantId?: string | null;
}

/** A template with its current version per language, and (for one template) its whole history. */
export interface TemplateDetail extends TemplateRecord {
  languages: string[];
  current: Record<string, TemplateVersionRecord>;
  versions?: TemplateVersionRecord[];
}

const CODE_OF: Record<ContentIssue['code'], string> = {
  unknown_template_variable: 'unknown_template_variable',
  unknown_helper: 'unknown_helper',
  unknown_partial: 'unknown_partial',
  unsupported_template_syntax: 'unsupported_template_syntax',
  template_syntax: 'template_syntax',
  template_too_large: 'template_too_large',
  required: 'validation_failed',
  not_allowed: 'validation_failed',
};

/** A 400 naming the first issue's field (and its variable), with every issue in `errors`. */
export function refuseContent(issues: readonly ContentIssue[], prefix = ''): never {
  const [first] = issues;
  throw new ProblemError(400, CODE_OF[first.code], `${prefix}${first.message}`, {
    field: first.field,
    extra: { ...(first.name ? { variable: first.name } : {}), errors: issues },
  });
}

const hasContent = (input: TemplateContent) => CONTENT_PARTS.some((p) => input[p] !== undefined) || input.partials !== undefined;

function contentFrom(input: TemplateContent, base: TemplateContent = {}): TemplateContent {
  const out: TemplateContent = { ...base };
  for (const part of CONTENT_PARTS) if (input[part] !== undefined) out[part] = input[part];
  if (input.partials !== undefined) out.partials = input.partials;
  return out;
}

/**
 * An override of a platform template renders with the data senders give the platform one: it may use only
 * the platform template's variables (of the same type), and declares them all when it declares none.
 */
function overrideVariables(platform: TemplateRecord, given: TemplateVariable[] | null): TemplateVariable[] {
  if (given === null) return platform.variables;
  given.forEach((v, i) => {
    const own = platform.variables.find((p) => p.name === v.name);
    if (!own || own.type !== v.type)
      throw new ProblemError(400, 'unknown_template_variable', `An override of "${platform.key}" can only use its variables (${platform.variables.map((p) => p.name).join(', ') || 'none'}); "${v.name}" ${own ? `must be a ${own.type}` : 'is not one'}`, {
        field: `variables.${i}.name`,
        extra: { variable: v.name },
      });
  });
  return given;
}

export class TemplateService {
  constructor(
    readonly db: Database,
    private readonly renderer: StoredTemplateRenderer,
    private readonly tenants: Pick<TenantDirectory, 'get'>,
  ) {}

  private async detail(template: TemplateRecord, withHistory: boolean): Promise<TemplateDetail> {
    const current = (await currentVersions(this.db, [template.id])).get(template.id) ?? new Map<string, TemplateVersionRecord>();
    const detail: TemplateDetail = { ...template, languages: [...current.keys()].sort(), current: Object.fromEntries(current) };
    if (withHistory) detail.versions = await versionHistory(this.db, template.id);
    return detail;
  }

  async get(req: PlatformRequest, id: string): Promise<TemplateDetail> {
    return this.detail(await this.visible(req, id), true);
  }

  async withCurrent(templates: TemplateRecord[]): Promise<TemplateDetail[]> {
    const current = await currentVersions(this.db, templates.map((t) => t.id));
    return templates.map((t) => {
      const versions = current.get(t.id) ?? new Map<string, TemplateVersionRecord>();
      return { ...t, languages: [...versions.keys()].sort(), current: Object.fromEntries(versions) };
    });
  }

  /** The template if this caller may see it, else 404 (another tenant's template does not exist for them). */
  async visible(req: PlatformRequest, id: string, em?: EntityManager): Promise<TemplateRecord> {
    const found = await findTemplate(this.db, visibilityOf(req), id, em);
    if (!found) throw problems.notFound('Template');
    return found;
  }

  async create(req: PlatformRequest, input: TemplateInput): Promise<TemplateDetail> {
    const owner = ownerOfNewTemplate(req, input.tenantId);
    if (owner !== null && owner !== req.ctx.tenantId && !(await this.tenants.get(owner))) throw problems.validation('tenantId', `Unknown tenant "${input.tenantId}"`);
    const channel = input.channel!;
    const key = input.key!;
    const platform = owner === null ? null : await findPlatformTemplate(this.db, channel, key);
    const declared = input.variables === undefined ? null : normalizeVariables(input.variables);
    const variables = platform ? overrideVariables(platform, declared) : (declared ?? []);
    const defaultLanguage = input.defaultLanguage !== undefined ? requireLanguage('defaultLanguage', input.defaultLanguage) : (platform?.defaultLanguage ?? 'en');
    const language = input.language !== undefined ? requireLanguage('language', input.language) : defaultLanguage;
    if (language !== defaultLanguage)
      throw problems.validation('language', `The first version is in the default language (${defaultLanguage}); add "${language}" by updating the template`);
    const content = contentFrom(input);
    const check = checkTemplateContent(channel, content, variables.map((v) => v.name));
    if (check.issues.length) refuseContent(check.issues);
    const createdBy = req.ctx.actor?.id ?? null;
    const id = await this.renderer.changeTemplates(async (em) => {
      const inserted = await insertTemplate(this.db, em, { tenantId: owner, key, channel, description: input.description ?? '', variables, defaultLanguage, createdBy });
      if (!inserted) throw problems.conflict('template_exists', `A ${channel} template "${key}" already exists${owner ? ' for this tenant' : ''}`, 'key');
      const version = await insertVersion(this.db, em, { id: inserted, tenantId: owner }, language, content, createdBy);
      await req.ctx.audit({ action: 'messaging.template.created', tenantId: owner, targetType: 'messaging.template', targetId: inserted, after: { key, channel, language, version: version.version } }, em);
      return inserted;
    });
    return this.detail((await findTemplate(this.db, { tenants: null }, id))!, true);
  }

  /**
   * Saves a new version of `language` (the current one of that language overlaid with the parts given;
   * a part given as null is removed) and/or changes the description, variables or default language. New
   * variables re-check every language's current version, so none can end up using an undeclared one.
   */
  async update(req: PlatformRequest, id: string, input: TemplateInput): Promise<TemplateDetail> {
    const template = await this.visible(req, id);
    assertCanChange(req, template);
    if (template.archivedAt) throw problems.conflict('template_archived', 'This template is archived; create a new one with its key');
    if (input.key !== undefined && input.key !== template.key) throw problems.validation('key', 'The key of a template cannot change');
    if (input.channel !== undefined && input.channel !== template.channel) throw problems.validation('channel', 'The channel of a template cannot change');
    const platform = template.tenantId === null ? null : await findPlatformTemplate(this.db, template.channel, template.key);
    let variables = template.variables;
    if (input.variables !== undefined) {
      const declared = normalizeVariables(input.variables);
      variables = platform ? overrideVariables(platform, declared) : declared;
    }
    const defaultLanguage = input.defaultLanguage !== undefined ? requireLanguage('defaultLanguage', input.defaultLanguage) : template.defaultLanguage;
    const language = input.language !== undefined ? requireLanguage('language', input.language) : defaultLanguage;
    const createdBy = req.ctx.actor?.id ?? null;
    const names = variables.map((v) => v.name);
    await this.renderer.changeTemplates(async (em) => {
      await lockTemplate(this.db, em, id);
      const current = (await currentVersions(this.db, [id], em)).get(id) ?? new Map<string, TemplateVersionRecord>();
      let saved: TemplateVersionRecord | null = null;
      if (hasContent(input)) {
        const base = current.get(language);
        const content = contentFrom(input, base ? contentOf(base) : {});
        const check = checkTemplateContent(template.channel, content, names);
        if (check.issues.length) refuseContent(check.issues);
        saved = await insertVersion(this.db, em, template, language, content, createdBy);
      }
      if (input.variables !== undefined) {
        for (const [lang, version] of current) {
          if (saved && lang === language) continue;
          const check = checkTemplateContent(template.channel, contentOf(version), names);
          const issue = check.issues.find((i) => i.code === 'unknown_template_variable');
          if (issue)
            throw new ProblemError(400, 'unknown_template_variable', `The ${lang} version's ${issue.field} uses "${issue.name}", which the new variables do not declare`, {
              field: 'variables',
              extra: { variable: issue.name, language: lang, part: issue.field },
            });
        }
      }
      if (!current.has(defaultLanguage) && !(saved && saved.language === defaultLanguage))
        throw problems.validation('defaultLanguage', `The template has no version in ${defaultLanguage}: save one before making it the default`);
      await updateTemplateMeta(this.db, em, id, { description: input.description, variables: input.variables !== undefined ? variables : undefined, defaultLanguage });
      await req.ctx.audit(
        {
          action: 'messaging.template.updated',
          tenantId: template.tenantId,
          targetType: 'messaging.template',
          targetId: id,
          before: { variables: template.variables, defaultLanguage: template.defaultLanguage, description: template.description },
          after: { variables, defaultLanguage, description: input.description ?? template.description, ...(saved ? { language, version: saved.version } : {}) },
        },
        em,
      );
    });
    return this.detail((await findTemplate(this.db, { tenants: null }, id))!, true);
  }

  /**
   * Archives (soft-deletes) the template: rendering no longer finds it, so a tenant override archived makes
   * the platform template apply again; its versions stay for the record; the key is free for a new one.
   */
  async archive(req: PlatformRequest, id: string): Promise<TemplateDetail> {
    const template = await this.visible(req, id);
    assertCanChange(req, template);
    if (!template.archivedAt) {
      await this.renderer.changeTemplates(async (em) => {
        await archiveTemplate(this.db, em, id);
        await req.ctx.audit({ action: 'messaging.template.archived', tenantId: template.tenantId, targetType: 'messaging.template', targetId: id, before: { key: template.key, channel: template.channel } }, em);
      });
    }
    return this.detail((await findTemplate(this.db, { tenants: null }, id))!, false);
  }

  /** Renders the template with `data`, missing values taken from the declared samples. */
  async preview(req: PlatformRequest, id: string, data: Record<string, unknown>, language: string | undefined): Promise<RenderedTemplate> {
    const template = await this.visible(req, id);
    const lang = language === undefined ? null : requireLanguage('language', language);
    return this.renderer.renderTemplate(template, lang, template.tenantId ?? req.ctx.tenantId, data, true);
  }
}
