import { definePlatformEntity, Type, type BaseRow } from '@platform/sdk';
import { randomBytes } from 'node:crypto';

/** A heartbeat monitor: something outside (a cron job, a backup) pings its tokenized URL. */
export interface PushMonitor extends BaseRow {
  name: string;
  description: string;
  token: string;
  expectedIntervalSeconds: number;
  graceSeconds: number;
  lastPingAt: Date | null;
  lastPingStatus: string | null;
  lastPingMessage: string | null;
}

export const newPushToken = () => randomBytes(18).toString('base64url');

export const PushMonitorEntity = definePlatformEntity<PushMonitor>({
  name: 'HealthPushMonitor',
  tableName: 'health_push_monitors',
  properties: {
    name: { type: 'string' },
    description: { type: 'text', default: '' },
    token: { type: 'string', onCreate: () => newPushToken() },
    expectedIntervalSeconds: { type: 'integer', fieldName: 'expected_interval_seconds' },
    graceSeconds: { type: 'integer', fieldName: 'grace_seconds', default: 60 },
    lastPingAt: { type: 'Date', nullable: true, fieldName: 'last_ping_at' },
    lastPingStatus: { type: 'string', nullable: true, fieldName: 'last_ping_status' },
    lastPingMessage: { type: 'text', nullable: true, fieldName: 'last_ping_message' },
  },
});

export const PushMonitorInput = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.Optional(Type.String({ maxLength: 2000 })),
  expectedIntervalSeconds: Type.Integer({ minimum: 10, maximum: 31 * 86_400, description: 'How often a ping is expected' }),
  graceSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 86_400, description: 'Extra time allowed after the expected interval' })),
});
