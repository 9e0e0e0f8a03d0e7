import type { DeliveryStatus } from '@platform/sdk/messaging';

/**
 * Termii's delivery-report statuses (https://developers.termii.com/events-and-reports): `Delivered`,
 * `Message Sent` (handed to the carrier), `DND Active on Phone Number` (do-not-disturb blocks it on the
 * generic route), `Message Failed`, and, on some routes, `Rejected` / `Expired`. Older reports add the
 * explanation after a bar: `DELIVERED | Message delivered to handset`. Matched without case.
 */
export function deliveryStatusOfTermii(status: string | null | undefined): DeliveryStatus | null {
  const key = (status ?? '').split('|')[0]!.trim().toLowerCase();
  if (key === 'delivered') return 'delivered';
  if (key === 'message sent' || key === 'sent') return 'sent';
  if (key.startsWith('dnd active')) return 'undelivered';
  if (key === 'message failed' || key === 'failed' || key === 'rejected' || key === 'expired') return 'failed';
  return null;
}
