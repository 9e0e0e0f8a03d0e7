import { ProblemError } from '@platform/sdk';
import { countSmsSegments, type MessageChannel, type SmsSegmentCount } from '@platform/sdk/messaging';
import { compileContent, type RenderedParts } from './template-compiler.ts';
import { checkTemplateContent, type ContentIssue, type TemplateContent } from './template-content.ts';
import { normalizeVariables, resolveTemplateData, type TemplateVariable } from './template-variables.ts';

export interface DraftValidationError {
  field: string;
  code: string;
  message: string;
  /** The variable, helper or partial concerned. */
  name?: string;
  line?: number;
}

/** What the editor shows while typing. */
export interface DraftValidation {
  valid: boolean;
  /** Top-level variables the content uses, and the declared ones it does not. */
  variables: string[];
  unused: string[];
  paths: string[];
  errors: DraftValidationError[];
  /** Rendered with `data` over the declared samples, when the content is valid and the data suffices. */
  preview: RenderedParts | null;
  /** SMS: of the preview; of the source text when there is no preview. */
  segments: (SmsSegmentCount & { of: 'preview' | 'source' }) | null;
}

const asError = (err: unknown): DraftValidationError => {
  if (err instanceof ProblemError) return { field: err.field ?? '', code: err.code, message: err.message };
  throw err;
};

/** Checks an unsaved template (never throws for its content: every problem is in `errors`). */
export function validateDraft(channel: MessageChannel, givenVariables: Partial<TemplateVariable>[], content: TemplateContent, data: Record<string, unknown> = {}): DraftValidation {
  const errors: DraftValidationError[] = [];
  let variables: TemplateVariable[] = [];
  try {
    variables = normalizeVariables(givenVariables);
  } catch (err) {
    errors.push(asError(err));
  }
  const check = checkTemplateContent(channel, content, variables.map((v) => v.name));
  errors.push(...check.issues.map((i: ContentIssue) => ({ field: i.field, code: i.code, message: i.message, ...(i.name ? { name: i.name } : {}), ...(i.line ? { line: i.line } : {}) })));
  let preview: RenderedParts | null = null;
  if (errors.length === 0) {
    try {
      preview = compileContent(channel, content).render(resolveTemplateData(variables, data, true));
    } catch (err) {
      errors.push(asError(err));
    }
  }
  let segments: DraftValidation['segments'] = null;
  if (channel === 'sms') {
    if (preview?.channel === 'sms') segments = { ...preview.segments, of: 'preview' };
    else if (typeof content.body === 'string') segments = { ...countSmsSegments(content.body), of: 'source' };
  }
  return {
    valid: errors.length === 0,
    variables: check.variables,
    unused: variables.map((v) => v.name).filter((n) => !check.variables.includes(n)),
    paths: check.paths,
    errors,
    preview,
    segments,
  };
}
