import type { DeliveryStatus, ProviderSendResult } from '@platform/sdk/messaging';

/**
 * Twilio's message statuses (https://www.twilio.com/docs/messaging/api/message-resource#message-status-values)
 * in the platform's terms. Inbound statuses (`receiving`, `received`) have no meaning for an outbound message.
 */
const STATUS: Record<string, DeliveryStatus> = {
  accepted: 'queued',
  scheduled: 'queued',
  queued: 'queued',
  sending: 'sent',
  sent: 'sent',
  delivered: 'delivered',
  read: 'delivered',
  undelivered: 'undelivered',
  failed: 'failed',
  canceled: 'failed',
};

export function deliveryStatusOfTwilio(status: string | null | undefined): DeliveryStatus | null {
  return (status && STATUS[status]) || null;
}

/** The status a send reports while Twilio still holds the message (`queued` for an unknown one). */
export function sendStatusOfTwilio(status: string | null | undefined): ProviderSendResult['status'] {
  const mapped = deliveryStatusOfTwilio(status);
  return mapped === 'sent' || mapped === 'delivered' ? mapped : 'queued';
}

/** The delivery error codes Twilio reports most (https://www.twilio.com/docs/api/errors/30003 ...). */
const DELIVERY_ERRORS: Record<string, string> = {
  '30001': 'queue overflow',
  '30002': 'account suspended',
  '30003': 'unreachable destination handset',
  '30004': 'message blocked',
  '30005': 'unknown destination handset',
  '30006': 'landline or unreachable carrier',
  '30007': 'message filtered by the carrier',
  '30008': 'unknown error',
  '30034': 'sender not registered for A2P 10DLC',
};

/** `Twilio 30003: unreachable destination handset`; null when there is no error (absent or `0`). */
export function twilioFailureReason(errorCode: string | null | undefined): string | null {
  if (!errorCode || errorCode === '0') return null;
  const text = DELIVERY_ERRORS[errorCode];
  return text ? `Twilio ${errorCode}: ${text}` : `Twilio ${errorCode}`;
}
