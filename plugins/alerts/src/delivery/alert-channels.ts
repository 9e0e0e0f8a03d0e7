import {
  ALERT_CHANNELS,
  attemptAlertDelivery,
  DEFAULT_CHANNEL_HANDLES,
  resolveAlertChannelConfig,
  type AlertChannelRegistration,
  type AlertDeliveryResult,
  type AlertNotification,
  type AlertNotificationKind,
} from '@platform/sdk/alert-channels';
import { type ExtensionRegistry } from '@platform/sdk';

export interface ChannelStatus {
  id: string;
  name: string;
  description: string | null;
  plugin: string;
  handles: AlertNotificationKind[];
  configured: boolean;
  problem: string | null;
}

/** The channels contributed to ALERT_CHANNELS, and one attempt at sending through one of them. */
export class AlertChannels {
  constructor(private readonly extensions: ExtensionRegistry) {}

  all(): AlertChannelRegistration[] {
    return this.extensions.get(ALERT_CHANNELS);
  }

  get(id: string): AlertChannelRegistration | undefined {
    return this.all().find((r) => r.channel.id === id);
  }

  ids(): Set<string> {
    return new Set(this.all().map((r) => r.channel.id));
  }

  /** Whether the channel sends this kind of notification (an unknown channel: yes, so the failure shows). */
  handles(id: string, kind: AlertNotificationKind): boolean {
    const reg = this.get(id);
    return !reg || (reg.channel.handles ?? DEFAULT_CHANNEL_HANDLES).includes(kind);
  }

  async statuses(): Promise<ChannelStatus[]> {
    return Promise.all(
      this.all().map(async (r) => {
        const config = resolveAlertChannelConfig(r.channel, await r.settings.get());
        return {
          id: r.channel.id,
          name: r.channel.name,
          description: r.channel.description ?? null,
          plugin: r.plugin,
          handles: [...(r.channel.handles ?? DEFAULT_CHANNEL_HANDLES)],
          configured: config.ok,
          problem: config.ok ? null : config.problem,
        };
      }),
    );
  }

  /** One attempt through the channel with its current settings; never throws, never reports a secret. */
  async send(id: string, notification: AlertNotification, attempt: number): Promise<AlertDeliveryResult> {
    const reg = this.get(id);
    if (!reg) return { ok: false, retryable: false, detail: `alert channel "${id}" is not installed` };
    return attemptAlertDelivery(reg.channel, await reg.settings.get<Record<string, unknown>>(), notification, attempt);
  }
}
