import Handlebars from 'handlebars';
import { ProblemError } from '@platform/sdk';
import { countSmsSegments, type MessageChannel, type SmsSegmentCount } from '@platform/sdk/messaging';
import type { TemplateContent } from './template-content.ts';
import { MAX_SMS_BODY_CHARS } from './template-limits.ts';
import { inlineEmailCss, textFromEmailHtml } from './email-parts.ts';

/** What one version renders to: an SMS body with its segment count, or an email's subject, HTML and text. */
export type RenderedParts =
  | { channel: 'sms'; body: string; segments: SmsSegmentCount }
  | { channel: 'email'; subject: string; html: string | null; text: string; textGenerated: boolean };

export interface CompiledContent {
  render(data: Record<string, unknown>): RenderedParts;
}

/** Our own Handlebars environment: nothing registered globally by other code reaches templates. */
const handlebars = Handlebars.create();
handlebars.unregisterHelper('log');

type Renderer = (data: Record<string, unknown>, options?: Handlebars.RuntimeOptions) => string;

/**
 * Built-in helpers only (`knownHelpersOnly`): a template cannot call code. `noEscape` for the SMS body,
 * the subject and the text part (plain text: `&` stays `&`); HTML-escaped for the HTML part. Prototype
 * properties stay unreachable (Handlebars' default since 4.6).
 */
function compile(source: string, escapeHtml: boolean): Renderer {
  return handlebars.compile(source, { knownHelpersOnly: true, strict: false, noEscape: !escapeHtml, preventIndent: true }) as Renderer;
}

function run(field: string, template: Renderer, data: Record<string, unknown>, partials: Record<string, Renderer>): string {
  try {
    return template(data, { partials: partials as unknown as Record<string, Handlebars.TemplateDelegate> });
  } catch (err) {
    throw new ProblemError(400, 'template_render_failed', `"${field}" could not be rendered: ${(err as Error).message}`, { field });
  }
}

/** Compiles checked content (see `checkTemplateContent`) once, for any number of renders. */
export function compileContent(channel: MessageChannel, content: TemplateContent): CompiledContent {
  const partialSources = content.partials ?? {};
  const partialsFor = (escapeHtml: boolean) => Object.fromEntries(Object.entries(partialSources).map(([name, source]) => [name, compile(source, escapeHtml)]));
  if (channel === 'sms') {
    const body = compile(content.body ?? '', false);
    const partials = partialsFor(false);
    return {
      render(data) {
        const text = run('body', body, data, partials);
        if (text.length > MAX_SMS_BODY_CHARS)
          throw new ProblemError(400, 'message_too_long', `The rendered SMS has ${text.length} characters; the limit is ${MAX_SMS_BODY_CHARS}`, { field: 'body' });
        return { channel: 'sms', body: text, segments: countSmsSegments(text) };
      },
    };
  }
  const plain = partialsFor(false);
  const escaped = content.html ? partialsFor(true) : {};
  const subject = compile(content.subject ?? '', false);
  const html = content.html ? compile(content.html, true) : null;
  const text = content.text ? compile(content.text, false) : null;
  return {
    render(data) {
      // One line: a subject is a header, so no CR/LF reaches it.
      const renderedSubject = run('subject', subject, data, plain).replace(/\s+/g, ' ').trim();
      const renderedHtml = html ? inlineEmailCss(run('html', html, data, escaped)) : null;
      const renderedText = text ? run('text', text, data, plain) : textFromEmailHtml(renderedHtml ?? '');
      return { channel: 'email', subject: renderedSubject, html: renderedHtml, text: renderedText, textGenerated: text === null };
    },
  };
}
