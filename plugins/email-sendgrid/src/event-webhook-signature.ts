import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { CallbackSignatureError, type ProviderCallbackRequest } from '@platform/sdk/messaging';

const SIGNATURE_HEADER = 'x-twilio-email-event-webhook-signature';
const TIMESTAMP_HEADER = 'x-twilio-email-event-webhook-timestamp';

/** The verification key SendGrid shows for a signed event webhook: base64 DER (SPKI) of an ECDSA P-256 key. */
export function eventWebhookKey(publicKey: string): KeyObject {
  try {
    return createPublicKey({ key: Buffer.from(publicKey.replace(/-----[^-]+-----|\s+/g, ''), 'base64'), format: 'der', type: 'spki' });
  } catch {
    throw new CallbackSignatureError('the configured verification key is not a base64 DER public key');
  }
}

/**
 * Checks SendGrid's signed event webhook: the base64 DER ECDSA signature in `X-Twilio-Email-Event-Webhook-Signature`
 * over the `X-Twilio-Email-Event-Webhook-Timestamp` header followed by the raw body, SHA-256.
 */
export function verifyEventWebhookSignature(request: ProviderCallbackRequest, publicKey: string | undefined): void {
  if (!publicKey) throw new CallbackSignatureError('no event webhook verification key is configured');
  const signature = request.headers[SIGNATURE_HEADER];
  const timestamp = request.headers[TIMESTAMP_HEADER];
  if (!signature || !timestamp) throw new CallbackSignatureError(`${SIGNATURE_HEADER} or ${TIMESTAMP_HEADER} is missing`);
  const payload = Buffer.concat([Buffer.from(timestamp, 'utf8'), request.rawBody]);
  let valid = false;
  try {
    valid = verify('sha256', payload, { key: eventWebhookKey(publicKey), dsaEncoding: 'der' }, Buffer.from(signature, 'base64'));
  } catch (err) {
    if (err instanceof CallbackSignatureError) throw err;
  }
  if (!valid) throw new CallbackSignatureError();
}
