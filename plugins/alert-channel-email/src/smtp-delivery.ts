import nodemailer from 'nodemailer';
import type { AlertDeliveryResult } from '@platform/sdk/alert-channels';
import type { EmailMessage } from './email-message.ts';

export interface SmtpSettings {
  host: string;
  port: number;
  security: 'starttls' | 'tls' | 'none';
  username?: string;
  password?: string;
  from: string;
  to: string[];
}

/** SMTP reply codes 4xx are transient (retry); 5xx are final; connection problems are retried. */
export function classifySmtpError(err: { responseCode?: number; code?: string; message?: string }): AlertDeliveryResult {
  const code = err.responseCode;
  const detail = `${code ? `SMTP ${code}: ` : err.code ? `${err.code}: ` : ''}${String(err.message ?? err).slice(0, 300)}`;
  if (code && code >= 500) return { ok: false, retryable: false, status: code, detail };
  return { ok: false, retryable: true, status: code, detail };
}

/** Sends one message over SMTP with nodemailer (a fresh connection per message: alerts are rare). */
export async function sendOverSmtp(settings: SmtpSettings, message: EmailMessage, timeoutMs: number): Promise<AlertDeliveryResult> {
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.security === 'tls',
    requireTLS: settings.security === 'starttls',
    ignoreTLS: settings.security === 'none',
    auth: settings.username ? { user: settings.username, pass: settings.password ?? '' } : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  try {
    const info = await transport.sendMail({ from: settings.from, to: settings.to, subject: message.subject, text: message.text, html: message.html, headers: message.headers });
    const accepted = (info.accepted ?? []).length;
    if (accepted === 0) return { ok: false, retryable: true, detail: `no recipient accepted: ${String(info.response ?? '')}` };
    return { ok: true, status: 250, detail: `${accepted} recipient(s) accepted: ${String(info.response ?? '').slice(0, 200)}` };
  } catch (err) {
    return classifySmtpError(err as { responseCode?: number; code?: string; message?: string });
  } finally {
    transport.close();
  }
}
