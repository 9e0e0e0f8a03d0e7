import { CallbackSignatureError, type DeliveryStatus, type DeliveryUpdate } from '@platform/sdk/messaging';

/** Resend's webhook event types that change a message's delivery status (others, like clicks, are not tracked). */
const STATUS_OF: Record<string, DeliveryStatus> = {
  'email.sent': 'sent',
  'email.delivered': 'delivered',
  'email.bounced': 'bounced',
  'email.complained': 'complained',
  'email.opened': 'opened',
  'email.failed': 'failed',
};

interface ResendEvent {
  type?: string;
  created_at?: string;
  data?: { email_id?: string; to?: string[]; bounce?: { message?: string; type?: string; subType?: string }; failed?: { reason?: string } };
}

/** One Resend webhook (one event per request) as delivery updates: one per recipient it names. */
export function resendDeliveryUpdates(body: Buffer): DeliveryUpdate[] {
  let event: ResendEvent;
  try {
    event = JSON.parse(body.toString('utf8')) as ResendEvent;
  } catch {
    throw new CallbackSignatureError('the signed body is not JSON');
  }
  const status = event.type ? STATUS_OF[event.type] : undefined;
  const id = event.data?.email_id;
  if (!status || !id) return [];
  const bounce = event.data?.bounce;
  const reason = bounce ? [bounce.type, bounce.subType, bounce.message].filter(Boolean).join(': ') : event.data?.failed?.reason;
  const base: DeliveryUpdate = { providerMessageId: id, status, ...(event.created_at ? { at: event.created_at } : {}), ...(reason ? { reason } : {}) };
  const recipients = event.data?.to ?? [];
  return recipients.length ? recipients.map((recipient) => ({ ...base, recipient })) : [base];
}
