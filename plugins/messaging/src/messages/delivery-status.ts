import type { DeliveryStatus, MessageReceipt } from '@platform/sdk/messaging';

/**
 * How far along a status is. A callback moves a message forward only: a late `sent` never overwrites
 * `delivered`; `opened` and `complained` come after delivery; the final failures share a rank (the first wins).
 */
const RANK: Record<DeliveryStatus, number> = { queued: 0, sent: 1, delivered: 2, undelivered: 2, failed: 2, bounced: 2, opened: 3, complained: 4 };

export function isStatusAdvance(current: DeliveryStatus, next: DeliveryStatus): boolean {
  return RANK[next] > RANK[current];
}

/** The four statuses a {@link MessageReceipt} tells: email events fold into delivered or failed. */
export function receiptStatusOf(status: DeliveryStatus): MessageReceipt['status'] {
  switch (status) {
    case 'queued':
    case 'sent':
    case 'delivered':
    case 'failed':
      return status;
    case 'opened':
    case 'complained':
      return 'delivered';
    default:
      return 'failed';
  }
}
