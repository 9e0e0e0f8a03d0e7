import type { DeliveryUpdate } from '@platform/sdk/messaging';

interface SesEvent {
  eventType?: string;
  notificationType?: string;
  mail?: { messageId?: string; destination?: string[] };
  delivery?: { timestamp?: string; recipients?: string[]; smtpResponse?: string };
  bounce?: { bounceType?: string; bounceSubType?: string; timestamp?: string; bouncedRecipients?: { emailAddress?: string; diagnosticCode?: string }[] };
  complaint?: { timestamp?: string; complaintFeedbackType?: string; complainedRecipients?: { emailAddress?: string }[] };
  open?: { timestamp?: string };
}

/**
 * An SES event (configuration set event publishing: `eventType`; identity notifications: `notificationType`) as
 * delivery updates, one per recipient. A permanent or undetermined bounce is `bounced`, a transient one `failed`.
 */
export function sesDeliveryUpdates(event: SesEvent): DeliveryUpdate[] {
  const id = event.mail?.messageId;
  if (!id) return [];
  const type = event.eventType ?? event.notificationType;
  const one = (status: DeliveryUpdate['status'], at: string | undefined, recipient?: string, reason?: string): DeliveryUpdate => ({
    providerMessageId: id,
    status,
    ...(at ? { at } : {}),
    ...(reason ? { reason } : {}),
    ...(recipient ? { recipient } : {}),
  });
  switch (type) {
    case 'Delivery':
      return (event.delivery?.recipients ?? []).map((r) => one('delivered', event.delivery?.timestamp, r));
    case 'Bounce': {
      const b = event.bounce ?? {};
      const status = b.bounceType === 'Transient' ? 'failed' : 'bounced';
      return (b.bouncedRecipients ?? []).map((r) => one(status, b.timestamp, r.emailAddress, [b.bounceType, b.bounceSubType, r.diagnosticCode].filter(Boolean).join(': ')));
    }
    case 'Complaint':
      return (event.complaint?.complainedRecipients ?? []).map((r) => one('complained', event.complaint?.timestamp, r.emailAddress, event.complaint?.complaintFeedbackType));
    case 'Open':
      // SES does not say which of the recipients opened it.
      return [one('opened', event.open?.timestamp)];
    default:
      return [];
  }
}
