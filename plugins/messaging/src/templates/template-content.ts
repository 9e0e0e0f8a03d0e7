import type { MessageChannel } from '@platform/sdk/messaging';
import { MAX_PART_BYTES, MAX_PARTIALS, MAX_SMS_BODY_CHARS, MAX_SUBJECT_CHARS, PARTIAL_NAME } from './template-limits.ts';
import { collectReferences, parseTemplate, type TemplateReferenceIssue } from './template-references.ts';

/**
 * One language version's content. SMS: `body`. Email: `subject` and `html` and/or `text` (the text part is
 * generated from the HTML when absent). `partials`: named Handlebars sources the parts (and each other)
 * include with `{{> name}}`; they belong to the version, so they are versioned and translated with it.
 */
export interface TemplateContent {
  body?: string | null;
  subject?: string | null;
  html?: string | null;
  text?: string | null;
  partials?: Record<string, string>;
}

export const CONTENT_PARTS = ['body', 'subject', 'html', 'text'] as const;
export type ContentPart = (typeof CONTENT_PARTS)[number];

/** A problem with a template's content, naming its field (`body`, `html`, `partials.footer`...). */
export interface ContentIssue {
  field: string;
  code: TemplateReferenceIssue['code'] | 'template_syntax' | 'template_too_large' | 'required' | 'not_allowed';
  message: string;
  /** The variable, helper or partial concerned. */
  name?: string;
  line?: number;
}

export interface ContentCheck {
  issues: ContentIssue[];
  /** Top-level variables the content reads. */
  variables: string[];
  /** Every path read (`order.total`, `items[].sku`). */
  paths: string[];
}

const PARTS_OF: Record<MessageChannel, readonly ContentPart[]> = { sms: ['body'], email: ['subject', 'html', 'text'] };

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

function sizeIssue(field: string, source: string): ContentIssue | null {
  if (field === 'body' && source.length > MAX_SMS_BODY_CHARS)
    return { field, code: 'template_too_large', message: `An SMS body holds at most ${MAX_SMS_BODY_CHARS} characters; this one has ${source.length}` };
  if (field === 'subject' && source.length > MAX_SUBJECT_CHARS)
    return { field, code: 'template_too_large', message: `A subject holds at most ${MAX_SUBJECT_CHARS} characters; this one has ${source.length}` };
  if (bytes(source) > MAX_PART_BYTES) return { field, code: 'template_too_large', message: `"${field}" is ${bytes(source)} bytes; the limit is ${MAX_PART_BYTES}` };
  return null;
}

/**
 * Checks content for a channel against the declared variable names: parts the channel has (and only
 * those), sizes, Handlebars syntax, and strict mode (every variable, helper and partial used is known).
 * Returns every issue found, each naming its field; the caller refuses with the first.
 */
export function checkTemplateContent(channel: MessageChannel, content: TemplateContent, declared: readonly string[]): ContentCheck {
  const issues: ContentIssue[] = [];
  const allowed = PARTS_OF[channel];
  for (const part of CONTENT_PARTS) {
    const value = content[part];
    if (value !== undefined && value !== null && !allowed.includes(part))
      issues.push({ field: part, code: 'not_allowed', message: `${channel === 'sms' ? 'An SMS' : 'An email'} template has no "${part}"` });
  }
  const present = (part: ContentPart) => typeof content[part] === 'string' && content[part]!.trim() !== '';
  if (channel === 'sms' && !present('body')) issues.push({ field: 'body', code: 'required', message: 'An SMS template needs a body' });
  if (channel === 'email') {
    if (!present('subject')) issues.push({ field: 'subject', code: 'required', message: 'An email template needs a subject' });
    if (!present('html') && !present('text')) issues.push({ field: 'html', code: 'required', message: 'An email template needs html, text or both' });
  }

  const partials = content.partials ?? {};
  const names = Object.keys(partials);
  if (names.length > MAX_PARTIALS) issues.push({ field: 'partials', code: 'template_too_large', message: `At most ${MAX_PARTIALS} partials` });
  const parsedPartials: Record<string, hbs.AST.Program> = {};
  for (const name of names) {
    const field = `partials.${name}`;
    if (!PARTIAL_NAME.test(name)) {
      issues.push({ field, code: 'not_allowed', message: `Partial name "${name}" must be a letter or _ then letters, digits, _ or -` });
      continue;
    }
    const source = partials[name];
    if (typeof source !== 'string') {
      issues.push({ field, code: 'required', message: `Partial "${name}" must be a string` });
      continue;
    }
    const tooBig = sizeIssue(field, source);
    if (tooBig) {
      issues.push(tooBig);
      continue;
    }
    const parsed = parseTemplate(source);
    if (parsed.ok) parsedPartials[name] = parsed.ast;
    else issues.push({ field, code: 'template_syntax', message: parsed.message, line: parsed.line });
  }

  const declaredSet = new Set(declared);
  const variables: string[] = [];
  const paths: string[] = [];
  const used = new Set<string>();
  for (const part of allowed) {
    const source = content[part];
    if (typeof source !== 'string') continue;
    const tooBig = sizeIssue(part, source);
    if (tooBig) {
      issues.push(tooBig);
      continue;
    }
    const parsed = parseTemplate(source);
    if (!parsed.ok) {
      issues.push({ field: part, code: 'template_syntax', message: parsed.message, line: parsed.line });
      continue;
    }
    const refs = collectReferences(part, parsed.ast, declaredSet, parsedPartials);
    for (const v of refs.variables) if (!variables.includes(v)) variables.push(v);
    for (const p of refs.paths) if (!paths.includes(p)) paths.push(p);
    for (const p of refs.partials) used.add(p);
    for (const i of refs.issues) if (!issues.some((x) => x.field === i.field && x.code === i.code && x.name === i.name)) issues.push(i);
  }
  // A partial no part includes is still checked, so that it cannot hold an undeclared variable for later.
  for (const name of Object.keys(parsedPartials)) {
    if (used.has(name)) continue;
    const refs = collectReferences(`partials.${name}`, parsedPartials[name], declaredSet, parsedPartials);
    for (const i of refs.issues) if (!issues.some((x) => x.field === i.field && x.code === i.code && x.name === i.name)) issues.push(i);
  }
  return { issues, variables, paths };
}
