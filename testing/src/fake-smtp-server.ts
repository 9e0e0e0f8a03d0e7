import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message the fake SMTP server took: the envelope, the raw message (quoted-printable undone) and who logged in. */
export interface ReceivedMail {
  from: string;
  to: string[];
  /** The message as received, with quoted-printable soft breaks and escapes undone so assertions read the text. */
  raw: string;
  /** The authenticated user, or null when the client did not log in. */
  user: string | null;
}

/**
 * How the fake answers the next sessions:
 * - `accepted`: logs in the configured users, takes every recipient;
 * - `badCredentials`: refuses every login with `535`;
 * - `serverError`: refuses recipients with `451` (try again later);
 * - `rejected`: refuses recipients with `550` (mailbox unavailable);
 * - `hang`: accepts the TCP connection and never sends its greeting.
 */
export type FakeSmtpAnswer = 'accepted' | 'badCredentials' | 'serverError' | 'rejected' | 'hang';

export interface FakeSmtpServer {
  /** `smtp://127.0.0.1:<port>` */
  url: string;
  host: string;
  port: number;
  requests: ReceivedMail[];
  answer(mode: FakeSmtpAnswer): void;
  close(): Promise<void>;
}

/** Quoted-printable undone over the whole message (escapes are UTF-8 bytes, so decode bytes, then text). */
function decodeQuotedPrintable(raw: Buffer): string {
  const text = raw.toString('latin1').replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(text, 'latin1').toString('utf8');
}

function smtpReply(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

/**
 * A real SMTP server (`smtp-server`, plain, no STARTTLS) on 127.0.0.1:0 that records what it receives. `users`
 * are the username/password pairs it accepts; logging in is optional.
 */
export async function startFakeSmtpServer(users: Record<string, string> = {}): Promise<FakeSmtpServer> {
  let mode: FakeSmtpAnswer = 'accepted';
  const requests: ReceivedMail[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    closeTimeout: 50,
    logger: false,
    onConnect(_session, cb) {
      if (mode !== 'hang') cb();
    },
    onAuth(auth, _session, cb) {
      if (mode !== 'badCredentials' && auth.username !== undefined && users[auth.username] === auth.password) cb(null, { user: auth.username });
      else cb(smtpReply(535, 'Authentication credentials invalid'));
    },
    onRcptTo(_address, _session, cb) {
      if (mode === 'serverError') return cb(smtpReply(451, 'Temporary local problem, try again later'));
      if (mode === 'rejected') return cb(smtpReply(550, 'Mailbox unavailable'));
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        requests.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: decodeQuotedPrintable(Buffer.concat(chunks)),
          user: typeof session.user === 'string' ? session.user : null,
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    host: '127.0.0.1',
    port,
    requests,
    answer: (m) => {
      mode = m;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
