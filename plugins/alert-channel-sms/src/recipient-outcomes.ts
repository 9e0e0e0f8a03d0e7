import type { AlertDeliveryResult } from '@platform/sdk/alert-channels';
import type { MessageReceipt } from '@platform/sdk/messaging';

/** What the messaging service did for one recipient: a receipt, or what it threw. */
export type RecipientOutcome = { to: string; receipt: MessageReceipt } | { to: string; error: unknown };

/** `+44•••0123`: enough to tell recipients apart in the attempt log, without the whole number (personal data). */
export function maskPhoneNumber(e164: string): string {
  return e164.length > 7 ? `${e164.slice(0, 3)}•••${e164.slice(-4)}` : '•••';
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Whether trying the same notification again can help. A receipt that says `failed` cannot: the messaging
 * service already failed over across the providers, and a second call with the same idempotency key returns
 * the same message. A 4xx it threw (a number it refuses, `402 insufficient_credits`) cannot either. What it
 * threw otherwise (5xx, the service not there yet, a database error) can.
 */
function retryable(outcome: RecipientOutcome): boolean {
  if ('receipt' in outcome) return false;
  const status = statusOf(outcome.error);
  return status === undefined || status >= 500;
}

function describe(outcome: RecipientOutcome): string {
  const who = maskPhoneNumber(outcome.to);
  if ('receipt' in outcome) return `${who} ${outcome.receipt.status}${outcome.receipt.error ? `: ${outcome.receipt.error}` : ''}`;
  const err = outcome.error as { status?: number; code?: string; message?: string } | null;
  const code = err?.code ? ` ${err.code}` : '';
  return `${who} error${err?.status ? ` ${err.status}` : ''}${code}: ${err?.message ?? String(outcome.error)}`;
}

/**
 * One delivery over all recipients: ok when every recipient's message was accepted (queued, sent or delivered);
 * otherwise failed, retryable when a failure may pass, with each recipient's outcome in `detail`.
 */
export function summarizeRecipientOutcomes(outcomes: RecipientOutcome[]): AlertDeliveryResult {
  const failed = outcomes.filter((o) => !('receipt' in o) || o.receipt.status === 'failed');
  const detail = outcomes.map(describe).join('; ');
  if (failed.length === 0) return { ok: true, detail };
  return { ok: false, retryable: failed.some(retryable), detail };
}
