import {
  attemptAlertDelivery,
  DEFAULT_CHANNEL_HANDLES,
  exampleAlertNotification,
  type AlertChannelDefinition,
  type AlertDeliveryResult,
  type AlertNotification,
  type AlertNotificationKind,
} from '@platform/sdk/alert-channels';
import { type Static, type TObject } from '@platform/sdk';
import { startFakeHttpServer, type FakeHandler, type RecordedRequest } from '@platform/core/testing';

/** What one notification kind did: the channel's result and the request the fake receiver got (if any). */
export interface ChannelDelivery {
  kind: AlertNotificationKind;
  notification: AlertNotification;
  result: AlertDeliveryResult;
  request: RecordedRequest | undefined;
}

/**
 * Sends one example notification of each kind the channel handles to a fake receiver on 127.0.0.1 and returns,
 * per kind, the result and the exact request received, for the test to assert. `config` gets the receiver's URL
 * and is typed from the channel's config schema; the receiver answers `handler` (default: 200 `ok`).
 */
export async function deliverEachNotificationKind<S extends TObject>(
  channel: AlertChannelDefinition<S>,
  config: (receiverUrl: string) => Static<S>,
  handler: FakeHandler = (_req, res) => void res.end('ok'),
): Promise<Partial<Record<AlertNotificationKind, ChannelDelivery>>> {
  const receiver = await startFakeHttpServer(handler);
  const out: Partial<Record<AlertNotificationKind, ChannelDelivery>> = {};
  try {
    for (const kind of channel.handles ?? DEFAULT_CHANNEL_HANDLES) {
      const before = receiver.requests.length;
      const notification = exampleAlertNotification({ kind });
      const result = await attemptAlertDelivery(channel, config(receiver.url) as Record<string, unknown>, notification);
      out[kind] = { kind, notification, result, request: receiver.requests.length > before ? receiver.requests.at(-1) : undefined };
    }
  } finally {
    await receiver.close();
  }
  return out;
}
