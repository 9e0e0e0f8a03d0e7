import type { MessageChannel } from '@platform/sdk/messaging';

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
