import type { MessageChannel } from '@platform/sdk/messaging';
import type { TemplateContent } from './template-content.ts';
import type { TemplateVariable } from './template-variables.ts';

/** A template as the API shows it. `tenantId` null: the platform's. */
export interface TemplateRecord {
  id: string;
  tenantId: string | null;
  key: string;
  channel: MessageChannel;
  description: string;
  variables: TemplateVariable[];
  defaultLanguage: string;
  archivedAt: string | null;
  /** A tenant's template whose key and channel a live platform template has: it overrides that one for the tenant. */
  overridesPlatform: boolean;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One saved version of one language (immutable). */
export interface TemplateVersionRecord extends Required<Pick<TemplateContent, 'partials'>> {
  id: string;
  templateId: string;
  language: string;
  version: number;
  body: string | null;
  subject: string | null;
  html: string | null;
  text: string | null;
  createdBy: string | null;
  createdAt: string;
}

const iso = (v: unknown): string => new Date(v as string).toISOString();

export function templateRecordOf(row: Record<string, any>): TemplateRecord {
  return {
    id: row.id,
    tenantId: row.tenant_id ?? null,
    key: row.key,
    channel: row.channel,
    description: row.description,
    variables: row.variables ?? [],
    defaultLanguage: row.default_language,
    archivedAt: row.archived_at ? iso(row.archived_at) : null,
    overridesPlatform: row.overrides_platform === true,
    createdBy: row.created_by ?? null,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export function versionRecordOf(row: Record<string, any>): TemplateVersionRecord {
  return {
    id: row.id,
    templateId: row.template_id,
    language: row.language,
    version: Number(row.version),
    body: row.body ?? null,
    subject: row.subject ?? null,
    html: row.html ?? null,
    text: row.text ?? null,
    partials: row.partials ?? {},
    createdBy: row.created_by ?? null,
    createdAt: iso(row.created_at),
  };
}

/** The content of a version, as the checker and compiler take it. */
export function contentOf(version: TemplateVersionRecord): TemplateContent {
  return { body: version.body, subject: version.subject, html: version.html, text: version.text, partials: version.partials };
}
