import { CallbackSignatureError, type DeliveryUpdate, type ProviderCallbackRequest } from '@platform/sdk/messaging';
import { verifySnsMessage, type SnsMessage, type SnsVerification } from './sns-signature.ts';
import { sesDeliveryUpdates } from './ses-events.ts';

/**
 * An SNS delivery to the HTTPS subscription: verified first. A subscription confirmation is confirmed by
 * calling its SubscribeURL (only on the origin that served the signing certificate); a notification carries
 * one SES event.
 */
export async function snsDeliveryUpdates(request: ProviderCallbackRequest, verification: SnsVerification): Promise<DeliveryUpdate[]> {
  let message: SnsMessage;
  try {
    message = JSON.parse(request.rawBody.toString('utf8')) as SnsMessage;
  } catch {
    throw new CallbackSignatureError('the SNS body is not JSON');
  }
  if (!message || typeof message !== 'object') throw new CallbackSignatureError('the SNS body is not a message');
  await verifySnsMessage(message, verification);
  if (message.Type === 'SubscriptionConfirmation') {
    await confirmSubscription(message);
    return [];
  }
  if (message.Type !== 'Notification') return [];
  try {
    return sesDeliveryUpdates(JSON.parse(message.Message ?? ''));
  } catch {
    return [];
  }
}

async function confirmSubscription(message: SnsMessage): Promise<void> {
  const subscribe = new URL(message.SubscribeURL ?? '');
  if (subscribe.origin !== new URL(message.SigningCertURL!).origin) throw new CallbackSignatureError('the SubscribeURL is not on the SNS endpoint');
  const res = await fetch(subscribe, { signal: AbortSignal.timeout(5_000), redirect: 'error' });
  if (!res.ok) throw new Error(`SNS did not confirm the subscription: HTTP ${res.status}`);
}
