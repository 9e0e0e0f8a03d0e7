import { ProblemError, type Database, type EntityManager, type TenantDirectory } from '@platform/sdk';
import type { MessageChannel } from '@platform/sdk/messaging';
import { CompiledVersions } from './compiled-versions.ts';
import type { RenderedParts } from './template-compiler.ts';
import { languageFallbacks, pickLanguage } from './template-language.ts';
import type { TemplateRecord, TemplateVersionRecord } from './template-record.ts';
import { currentVersions, findTemplateForSending } from './template-store.ts';
import type { SendingTemplate, SendingTemplateCache } from './sending-template-cache.ts';
import { resolveTemplateData } from './template-variables.ts';

/** A template rendered for one recipient. SMS: `body` and its segments. Email: `subject`, `html` (CSS inlined) and `text`. */
export type RenderedMessage =
  | { channel: 'sms'; templateVersionId: string; language: string; body: string; segments: number }
  | { channel: 'email'; templateVersionId: string; language: string; subject: string; html: string | null; text: string };

/**
 * What sending needs from templates (`src/templates/`): the tenant's override of template `key` when it
 * has one, else the platform's; the version in `language`, else the tenant's language, else the template's
 * default. Throws a 400 ProblemError naming the field for an unknown template or a missing/unknown variable
 * (`field: 'data.<name>'`), 404 `template_not_found` when no template has that key.
 */
export interface TemplateRenderer {
  render(tenantId: string | null, key: string, channel: MessageChannel, data: Record<string, unknown>, language?: string): Promise<RenderedMessage>;
}

/** A template rendered by {@link StoredTemplateRenderer.renderTemplate}: which version, and its parts. */
export interface RenderedTemplate {
  templateId: string;
  versionId: string;
  version: number;
  language: string;
  parts: RenderedParts;
}

/**
 * The {@link TemplateRenderer} over the stored templates: the tenant's live template of `key` (its
 * override) when it has one, else the platform's; the current version in the first language of the chain
 * requested -> tenant's language (the kernel's tenant `locale`) -> template default (see `languageFallbacks`);
 * data checked against the declared variables (extra keys dropped); compiled versions cached by id.
 */
export class StoredTemplateRenderer implements TemplateRenderer {
  constructor(
    private readonly db: Database,
    private readonly tenants: Pick<TenantDirectory, 'get'>,
    /** What sends read, cached (dropped on every change made through {@link changeTemplates}); absent: read every time. */
    private readonly sending: SendingTemplateCache | null = null,
    private readonly compiled = new CompiledVersions(),
  ) {}

  /** A transaction that changes templates (the template service's writes): the cached ones are dropped on commit, everywhere. */
  changeTemplates<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.sending ? this.sending.change(work) : this.db.system().transactional(work);
  }

  private async findForSending(tenantId: string | null, channel: MessageChannel, key: string): Promise<SendingTemplate | null> {
    if (this.sending) return this.sending.find(tenantId, channel, key);
    const template = await findTemplateForSending(this.db, tenantId, channel, key);
    return template ? { template, versions: (await currentVersions(this.db, [template.id])).get(template.id) ?? new Map() } : null;
  }

  async render(tenantId: string | null, key: string, channel: MessageChannel, data: Record<string, unknown>, language?: string): Promise<RenderedMessage> {
    const found = await this.findForSending(tenantId, channel, key);
    if (!found) throw new ProblemError(404, 'template_not_found', `No ${channel} template "${key}"`, { field: 'template' });
    const rendered = await this.renderTemplate(found.template, language ?? null, tenantId, data ?? {}, false, found.versions);
    const { parts } = rendered;
    if (parts.channel === 'sms') return { channel: 'sms', templateVersionId: rendered.versionId, language: rendered.language, body: parts.body, segments: parts.segments.segments };
    return { channel: 'email', templateVersionId: rendered.versionId, language: rendered.language, subject: parts.subject, html: parts.html, text: parts.text };
  }

  /** Renders `template` (any owner: the caller checked access) for `tenantId`'s language; `useSamples` fills missing values (the preview). */
  async renderTemplate(
    template: TemplateRecord,
    language: string | null,
    tenantId: string | null,
    data: Record<string, unknown>,
    useSamples: boolean,
    knownVersions?: Map<string, TemplateVersionRecord>,
  ): Promise<RenderedTemplate> {
    const tenantLanguage = tenantId ? ((await this.tenants.get(tenantId))?.locale ?? null) : null;
    const versions = knownVersions ?? (await currentVersions(this.db, [template.id])).get(template.id) ?? new Map();
    const picked = pickLanguage(languageFallbacks(language, tenantLanguage, template.defaultLanguage), versions);
    if (!picked) throw new ProblemError(404, 'template_not_found', `Template "${template.key}" has no version in its default language ${template.defaultLanguage}`, { field: 'language' });
    const values = resolveTemplateData(template.variables, data, useSamples);
    const parts = this.compiled.get(template.channel, picked.version).render(values);
    return { templateId: template.id, versionId: picked.version.id, version: picked.version.version, language: picked.language, parts };
  }
}
