import { ProblemError } from '@platform/sdk';
import { countSmsSegments, type MessageChannel, type SendMessageRequest } from '@platform/sdk/messaging';
import type { TemplateRenderer } from '../templates/template-renderer.ts';

/** The longest SMS accepted: 10 segments (carriers drop longer concatenations). */
export const MAX_SMS_SEGMENTS = 10;
export const MAX_EMAIL_BYTES = 512 * 1024;

/** What is sent, once resolved from the request's own content or its template. */
export type MessageContent =
  | { channel: 'sms'; body: string; segments: number; template: TemplateRef | null }
  | { channel: 'email'; subject: string; html: string | null; text: string; template: TemplateRef | null };

export interface TemplateRef {
  key: string;
  versionId: string;
  language: string;
}

function invalid(field: string, detail: string): ProblemError {
  return new ProblemError(400, 'validation_failed', detail, { field });
}

/** The text part of an HTML-only email: tags dropped, block ends as line breaks, the common entities decoded. */
export function textFromHtml(html: string): string {
  return html
    .replace(/<(script|style|head)[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|h[1-6]|li|tr|table|blockquote)>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function checkSms(body: string, template: TemplateRef | null, field: string): MessageContent {
  if (!body.trim()) throw invalid(field, `"${field}" must not be empty`);
  const { segments } = countSmsSegments(body);
  if (segments > MAX_SMS_SEGMENTS) throw invalid(field, `"${field}" takes ${segments} SMS segments; at most ${MAX_SMS_SEGMENTS} are sent`);
  return { channel: 'sms', body, segments, template };
}

function checkEmail(subject: string, html: string | null, text: string | null, template: TemplateRef | null): MessageContent {
  if (!subject.trim()) throw invalid('subject', '"subject" must not be empty');
  if (/[\r\n]/.test(subject) || subject.length > 998) throw invalid('subject', '"subject" must be a single line of at most 998 characters');
  if (!html && !text) throw invalid('text', 'an email needs "text" or "html"');
  const bytes = Buffer.byteLength(html ?? '') + Buffer.byteLength(text ?? '');
  if (bytes > MAX_EMAIL_BYTES) throw invalid(html ? 'html' : 'text', `the email's content is ${bytes} bytes; at most ${MAX_EMAIL_BYTES}`);
  return { channel: 'email', subject, html: html || null, text: text || textFromHtml(html!), template };
}

/**
 * The content of a request: its own (`body`, or `subject` with `html`/`text`), or its template rendered for
 * the tenant (render errors — unknown template, missing variable — propagate as the renderer's 400/404).
 */
export async function resolveContent(request: SendMessageRequest, templates: TemplateRenderer | null): Promise<MessageContent> {
  const r = request as unknown as Record<string, unknown>;
  const channel: MessageChannel = request.channel;
  if (r.template !== undefined) {
    const direct = channel === 'sms' ? ['body'] : ['subject', 'html', 'text'];
    const both = direct.find((k) => r[k] !== undefined);
    if (both) throw invalid(both, `give either "template" or "${both}", not both`);
    if (typeof r.template !== 'string' || !r.template.trim()) throw invalid('template', '"template" must be a template key');
    if (r.data !== undefined && (typeof r.data !== 'object' || r.data === null || Array.isArray(r.data))) throw invalid('data', '"data" must be an object');
    if (!templates) throw new ProblemError(409, 'templates_unavailable', 'Templates are not available on this platform: send the content directly', { field: 'template' });
    const rendered = await templates.render(request.tenantId, r.template, channel, (r.data as Record<string, unknown>) ?? {}, typeof r.language === 'string' ? r.language : undefined);
    const ref = { key: r.template, versionId: rendered.templateVersionId, language: rendered.language };
    if (rendered.channel !== channel) throw invalid('template', `template "${r.template}" is for ${rendered.channel}, not ${channel}`);
    return rendered.channel === 'sms' ? checkSms(rendered.body, ref, 'template') : checkEmail(rendered.subject, rendered.html, rendered.text, ref);
  }
  if (channel === 'sms') {
    if (typeof r.body !== 'string') throw invalid('body', 'an SMS needs "body" (or "template")');
    return checkSms(r.body, null, 'body');
  }
  if (typeof r.subject !== 'string') throw invalid('subject', 'an email needs "subject" (or "template")');
  for (const k of ['html', 'text'] as const) if (r[k] !== undefined && r[k] !== null && typeof r[k] !== 'string') throw invalid(k, `"${k}" must be a string`);
  return checkEmail(r.subject, (r.html as string | undefined) ?? null, (r.text as string | undefined) ?? null, null);
}
