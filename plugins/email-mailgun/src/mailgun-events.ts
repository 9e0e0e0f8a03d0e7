import { CallbackSignatureError, type DeliveryUpdate } from '@platform/sdk/messaging';
import { verifyMailgunSignature, type MailgunSignature } from './webhook-signature.ts';

interface MailgunEventData {
  event?: string;
  timestamp?: number;
  recipient?: string;
  severity?: string;
  reason?: string;
  message?: { headers?: { 'message-id'?: string } };
  'delivery-status'?: { code?: number; description?: string; message?: string };
}

/** Mailgun's `Message-Id` without the angle brackets its send answer puts around it (events carry it bare). */
export function mailgunMessageId(id: string): string {
  return id.replace(/^<|>$/g, '');
}

function updateOf(data: MailgunEventData): DeliveryUpdate | null {
  const id = data.message?.headers?.['message-id'];
  if (!id) return null;
  let status: DeliveryUpdate['status'];
  switch (data.event) {
    case 'delivered': status = 'delivered'; break;
    case 'complained': status = 'complained'; break;
    case 'opened': status = 'opened'; break;
    // A temporary failure is retried by Mailgun: only a permanent one is the message's fate.
    case 'failed': if (data.severity !== 'permanent') return null; status = 'bounced'; break;
    default: return null;
  }
  const ds = data['delivery-status'];
  const reason = status === 'bounced' ? [data.reason, ds?.code, ds?.description || ds?.message].filter((p) => p !== undefined && p !== '').join(' ') : '';
  return {
    providerMessageId: mailgunMessageId(id),
    status,
    ...(typeof data.timestamp === 'number' ? { at: new Date(data.timestamp * 1000).toISOString() } : {}),
    ...(reason ? { reason } : {}),
    ...(data.recipient ? { recipient: data.recipient } : {}),
  };
}

/** A Mailgun webhook (`{ signature, 'event-data' }`, JSON): verified with the signing key, then read. */
export function mailgunDeliveryUpdates(body: Buffer, signingKey: string | undefined): DeliveryUpdate[] {
  let parsed: { signature?: MailgunSignature; 'event-data'?: MailgunEventData };
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new CallbackSignatureError('the webhook body is not JSON');
  }
  verifyMailgunSignature(parsed?.signature, signingKey);
  const update = parsed['event-data'] ? updateOf(parsed['event-data']) : null;
  return update ? [update] : [];
}
