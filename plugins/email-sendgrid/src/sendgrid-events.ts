import { CallbackSignatureError, type DeliveryStatus, type DeliveryUpdate } from '@platform/sdk/messaging';

/** Event types that change a message's delivery status; processed, deferred, click and the unsubscribe kinds do not. */
const STATUS_OF: Record<string, DeliveryStatus> = {
  delivered: 'delivered',
  bounce: 'bounced',
  dropped: 'failed',
  spamreport: 'complained',
  open: 'opened',
};

interface SendGridEvent {
  event?: string;
  email?: string;
  timestamp?: number;
  sg_message_id?: string;
  reason?: string;
  type?: string;
  status?: string;
}

/** `sg_message_id` is the send's `X-Message-Id` followed by `.filter...` routing parts: keep what precedes the first dot. */
export function sendGridMessageId(sgMessageId: string): string {
  const dot = sgMessageId.indexOf('.');
  return dot === -1 ? sgMessageId : sgMessageId.slice(0, dot);
}

/** A batch of SendGrid events (a JSON array) as delivery updates. */
export function sendGridDeliveryUpdates(body: Buffer): DeliveryUpdate[] {
  let events: unknown;
  try {
    events = JSON.parse(body.toString('utf8'));
  } catch {
    throw new CallbackSignatureError('the signed body is not JSON');
  }
  if (!Array.isArray(events)) return [];
  return (events as SendGridEvent[]).flatMap((e): DeliveryUpdate[] => {
    const status = e.event ? STATUS_OF[e.event] : undefined;
    if (!status || !e.sg_message_id) return [];
    const reason = [e.status, e.reason].filter(Boolean).join(' ') || undefined;
    return [{
      providerMessageId: sendGridMessageId(e.sg_message_id),
      status,
      ...(typeof e.timestamp === 'number' ? { at: new Date(e.timestamp * 1000).toISOString() } : {}),
      ...(reason ? { reason } : {}),
      ...(e.email ? { recipient: e.email } : {}),
    }];
  });
}
