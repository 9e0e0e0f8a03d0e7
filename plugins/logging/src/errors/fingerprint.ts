import { createHash } from 'node:crypto';

/**
 * Error fingerprints: lines that are "the same error" share one, whatever ids, numbers, e-mail addresses
 * or quoted values they mention. Three parts: the normalized message, the error type and the top frame.
 */

const RULES: [RegExp, string][] = [
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>'],
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, '<email>'],
  [/\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?/g, '<time>'],
  [/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '<str>'],
  [/\b(?:\d{1,3}\.){3}\d{1,3}(?::\d+)?\b/g, '<ip>'],
  [/\b0x[0-9a-f]+\b|\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{12,}\b/gi, '<hex>'],
  [/\d+(?:\.\d+)?/g, '<n>'],
];

/** The message with its variable parts replaced by placeholders, whitespace collapsed, at most 500 chars. */
export function normalizeMessage(message: string): string {
  let s = message;
  for (const [re, to] of RULES) s = s.replace(re, to);
  return s.replace(/\s+/g, ' ').trim().slice(0, 500);
}

/**
 * The first stack frame in application code (skipping Node internals and dependencies unless there is
 * nothing else), as `function (path)` without line and column, so a redeploy keeps the fingerprint.
 */
export function topFrame(stack: string | null | undefined): string | null {
  if (!stack) return null;
  const frames = stack.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('at '));
  if (!frames.length) return null;
  const own = frames.find((f) => !/\(?node:|node_modules[\\/]/.test(f)) ?? frames[0];
  return normalizeFrame(own);
}

function normalizeFrame(frame: string): string {
  const m = /^at (?:(.+?) \()?(.*?)(?::\d+)?(?::\d+)?\)?$/.exec(frame);
  if (!m) return frame.slice(3);
  const fn = (m[1] ?? '<anonymous>').replace(/^async /, '');
  const path = m[2].replace(/^file:\/\//, '').replace(/\?.*$/, '').split(/[\\/]/).slice(-3).join('/');
  return `${fn} (${path})`;
}

export interface FingerprintParts {
  normalizedMessage: string;
  errorType: string;
  frame: string | null;
}

export function fingerprintParts(input: { message: string; errorType?: string | null; errorMessage?: string | null; stack?: string | null }): FingerprintParts {
  return {
    normalizedMessage: normalizeMessage(input.errorMessage || input.message),
    errorType: input.errorType || 'Error',
    frame: topFrame(input.stack),
  };
}

/** 32 hex characters identifying the group. */
export function fingerprintOf(parts: FingerprintParts): string {
  return createHash('sha256').update(`${parts.errorType}\n${parts.normalizedMessage}\n${parts.frame ?? ''}`).digest('hex').slice(0, 32);
}
