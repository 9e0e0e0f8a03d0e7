import { Type } from '@sinclair/typebox';
import { Secret } from './entity.ts';

/**
 * SMTP as more than one plugin speaks it (the email alert channel, the SMTP email provider): the same server
 * settings, the same nodemailer transport options and the same reading of SMTP failures. Plain data only: the
 * SDK does not depend on nodemailer; each plugin passes these to its own `nodemailer.createTransport`.
 */

/** The SMTP server settings, to spread into a config schema: `Type.Object({ ...smtpServerSettings(), from: ... })`. */
export function smtpServerSettings() {
  return {
    host: Type.String({ minLength: 1 }),
    port: Type.Integer({ minimum: 1, maximum: 65_535, default: 587 }),
    security: Type.Union([Type.Literal('starttls'), Type.Literal('tls'), Type.Literal('none')], {
      default: 'starttls',
      description: 'starttls: upgrade after connecting (587); tls: TLS from the start (465); none: plain (local relays only)',
    }),
    username: Type.Optional(Type.String()),
    password: Secret(Type.Optional(Type.String())),
  };
}

export interface SmtpServerSettings {
  host: string;
  port: number;
  security: 'starttls' | 'tls' | 'none';
  username?: string;
  password?: string;
}

/** nodemailer's `createTransport` options for these settings, every network wait bounded by `timeoutMs`. */
export function smtpTransportOptions(settings: SmtpServerSettings, timeoutMs: number) {
  return {
    host: settings.host,
    port: settings.port,
    secure: settings.security === 'tls',
    requireTLS: settings.security === 'starttls',
    ignoreTLS: settings.security === 'none',
    auth: settings.username ? { user: settings.username, pass: settings.password ?? '' } : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  };
}

/**
 * What an SMTP failure means:
 * - `auth`: the server refused the credentials (530, 534, 535, 538, or nodemailer's `EAUTH`);
 * - `temporary`: a 4xx reply, or no usable connection (refused, reset, TLS) — try again or elsewhere;
 * - `permanent`: a 5xx reply (unknown mailbox, refused content) — this message will not go through;
 * - `timeout`: the server stopped answering.
 */
export type SmtpFailureKind = 'auth' | 'temporary' | 'permanent' | 'timeout';

export interface SmtpFailure {
  kind: SmtpFailureKind;
  /** The SMTP reply code, when the server sent one. */
  replyCode?: number;
  /** `SMTP 550: ...`, `ECONNREFUSED: ...`; never longer than 300 characters of the server's text. */
  detail: string;
}

const AUTH_REPLIES = new Set([530, 534, 535, 538]);

/** Reads a nodemailer error (`responseCode`, `code`, `message`). */
export function describeSmtpFailure(err: unknown): SmtpFailure {
  const e = (err ?? {}) as { responseCode?: number; code?: string; message?: string };
  const replyCode = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const detail = `${replyCode ? `SMTP ${replyCode}: ` : e.code ? `${e.code}: ` : ''}${String(e.message ?? err).slice(0, 300)}`;
  if (e.code === 'EAUTH' || (replyCode !== undefined && AUTH_REPLIES.has(replyCode))) return { kind: 'auth', replyCode, detail };
  if (replyCode !== undefined && replyCode >= 500) return { kind: 'permanent', replyCode, detail };
  if (replyCode === undefined && (e.code === 'ETIMEDOUT' || /timeout/i.test(String(e.message)))) return { kind: 'timeout', detail };
  return { kind: 'temporary', replyCode, detail };
}
