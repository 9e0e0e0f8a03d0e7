import nodemailer from 'nodemailer';
import type { AlertDeliveryResult } from '@platform/sdk/alert-channels';
import { describeSmtpFailure, smtpTransportOptions, type SmtpServerSettings } from '@platform/sdk/smtp';
import type { EmailMessage } from './email-message.ts';

export interface SmtpSettings extends SmtpServerSettings {
  from: string;
  to: string[];
}

/** SMTP reply codes 4xx are transient (retry); 5xx are final (a refused login too); connection problems are retried. */
export function classifySmtpError(err: unknown): AlertDeliveryResult {
  const failure = describeSmtpFailure(err);
  const final = failure.kind === 'permanent' || (failure.kind === 'auth' && failure.replyCode !== undefined && failure.replyCode >= 500);
  return { ok: false, retryable: !final, status: failure.replyCode, detail: failure.detail };
}

/** Sends one message over SMTP with nodemailer (a fresh connection per message: alerts are rare). */
export async function sendOverSmtp(settings: SmtpSettings, message: EmailMessage, timeoutMs: number): Promise<AlertDeliveryResult> {
  const transport = nodemailer.createTransport(smtpTransportOptions(settings, timeoutMs));
  try {
    const info = await transport.sendMail({ from: settings.from, to: settings.to, subject: message.subject, text: message.text, html: message.html, headers: message.headers });
    const accepted = (info.accepted ?? []).length;
    if (accepted === 0) return { ok: false, retryable: true, detail: `no recipient accepted: ${String(info.response ?? '')}` };
    return { ok: true, status: 250, detail: `${accepted} recipient(s) accepted: ${String(info.response ?? '').slice(0, 200)}` };
  } catch (err) {
    return classifySmtpError(err);
  } finally {
    transport.close();
  }
}
