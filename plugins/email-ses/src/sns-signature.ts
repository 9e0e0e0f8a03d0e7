import { verify, X509Certificate } from 'node:crypto';
import { CallbackSignatureError } from '@platform/sdk/messaging';
import { BoundedMap } from '@platform/sdk/bounded-map';

/** Where SNS signing certificates may come from: AWS's SNS endpoints over HTTPS, `.pem` files only. */
export const DEFAULT_SNS_CERTIFICATE_URL_PATTERN = '^https://sns\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?/[^?#]+\\.pem$';

/** The fields of an SNS message (HTTP/S subscription body). */
export interface SnsMessage {
  Type?: string;
  MessageId?: string;
  Token?: string;
  TopicArn?: string;
  Subject?: string;
  Message?: string;
  SubscribeURL?: string;
  Timestamp?: string;
  SignatureVersion?: string;
  Signature?: string;
  SigningCertURL?: string;
}

const SIGNED_FIELDS: Record<string, (keyof SnsMessage)[]> = {
  Notification: ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'],
  SubscriptionConfirmation: ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'],
  UnsubscribeConfirmation: ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'],
};

/** What SNS signs: `name\nvalue\n` for each signed field present, in this order (Subject only when present). */
export function snsStringToSign(message: SnsMessage): string {
  const fields = SIGNED_FIELDS[message.Type ?? ''];
  if (!fields) throw new CallbackSignatureError(`unknown SNS message type ${JSON.stringify(message.Type)}`);
  return fields.filter((f) => typeof message[f] === 'string').map((f) => `${f}\n${message[f]}\n`).join('');
}

const certificates = new BoundedMap<string, X509Certificate>(64);

async function signingCertificate(url: string): Promise<X509Certificate> {
  const known = certificates.get(url);
  if (known) return known;
  let pem: string;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5_000), redirect: 'error' });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    pem = await res.text();
  } catch (err) {
    throw new CallbackSignatureError(`the SNS signing certificate could not be fetched: ${(err as Error).message}`);
  }
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(pem);
  } catch {
    throw new CallbackSignatureError('the SNS signing certificate is not a PEM certificate');
  }
  certificates.set(url, cert);
  return cert;
}

export interface SnsVerification {
  /** Regular expression the whole SigningCertURL must match. */
  certificateUrlPattern: string;
  /** Only messages of this topic are taken (anyone can sign SNS messages from a topic of their own). */
  topicArn: string | undefined;
  now?: number;
}

/**
 * Verifies an SNS message: its topic is the configured one, its certificate URL is allowed, the certificate is
 * valid now, and the `Signature` (SignatureVersion 1: SHA1withRSA, 2: SHA256withRSA) matches the signed fields.
 */
export async function verifySnsMessage(message: SnsMessage, options: SnsVerification): Promise<void> {
  if (!options.topicArn) throw new CallbackSignatureError('no SNS topic is configured: events are refused');
  if (message.TopicArn !== options.topicArn) throw new CallbackSignatureError('the SNS message is from another topic');
  const url = message.SigningCertURL ?? '';
  if (!new RegExp(options.certificateUrlPattern).test(url)) throw new CallbackSignatureError('the SNS SigningCertURL is not an allowed address');
  const algorithm = message.SignatureVersion === '1' ? 'sha1' : message.SignatureVersion === '2' ? 'sha256' : null;
  if (!algorithm) throw new CallbackSignatureError(`unknown SNS SignatureVersion ${JSON.stringify(message.SignatureVersion)}`);
  if (!message.Signature) throw new CallbackSignatureError('the SNS message has no Signature');
  const stringToSign = snsStringToSign(message);
  const cert = await signingCertificate(url);
  const now = options.now ?? Date.now();
  if (now < Date.parse(cert.validFrom) || now > Date.parse(cert.validTo)) throw new CallbackSignatureError('the SNS signing certificate is not valid now');
  if (!verify(algorithm, Buffer.from(stringToSign, 'utf8'), cert.publicKey, Buffer.from(message.Signature, 'base64'))) throw new CallbackSignatureError();
}
