import { describe, expect, it } from 'vitest';
import { ProblemError } from '@platform/sdk';
import type { MessageReceipt } from '@platform/sdk/messaging';
import { maskPhoneNumber, summarizeRecipientOutcomes } from '../src/recipient-outcomes.ts';

const receipt = (status: MessageReceipt['status'], error: string | null = null): MessageReceipt => ({
  id: 'msg-1',
  status,
  channel: 'sms',
  providerConfigId: status === 'failed' ? null : 'cfg-1',
  providerMessageId: status === 'failed' ? null : 'SM1',
  error,
});

describe('SMS alert delivery over recipients', () => {
  it('is delivered when every recipient was accepted, naming them masked', () => {
    const result = summarizeRecipientOutcomes([
      { to: '+447700900123', receipt: receipt('sent') },
      { to: '+2348030000001', receipt: receipt('queued') },
    ]);
    expect(result).toEqual({ ok: true, detail: '+44•••0123 sent; +23•••0001 queued' });
    expect(result.detail).not.toContain('7700900123');
  });

  it('does not retry what the messaging service already failed over, refused (400) or could not pay (402)', () => {
    expect(summarizeRecipientOutcomes([{ to: '+447700900123', receipt: receipt('failed', 'all providers failed: HTTP 503') }])).toEqual({
      ok: false,
      retryable: false,
      detail: '+44•••0123 failed: all providers failed: HTTP 503',
    });
    const noCredits = new ProblemError(402, 'insufficient_credits', 'Not enough SMS credits');
    expect(summarizeRecipientOutcomes([{ to: '+447700900123', error: noCredits }])).toEqual({ ok: false, retryable: false, detail: '+44•••0123 error 402 insufficient_credits: Not enough SMS credits' });
  });

  it('retries when the service threw something that may pass, even if another recipient got it', () => {
    const result = summarizeRecipientOutcomes([
      { to: '+447700900123', receipt: receipt('sent') },
      { to: '+447700900456', error: new Error('connection terminated') },
    ]);
    expect(result).toMatchObject({ ok: false, retryable: true });
    expect(result.detail).toBe('+44•••0123 sent; +44•••0456 error: connection terminated');
  });

  it('masks all but the country prefix and the last four digits', () => {
    expect(maskPhoneNumber('+15017122661')).toBe('+15•••2661');
    expect(maskPhoneNumber('+1234')).toBe('•••');
  });
});
