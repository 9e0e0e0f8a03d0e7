import { Type, type PluginContext, type Static } from '@platform/sdk';
import { DEFAULT_RETENTION, type RetentionDays } from '../storage/partition-plan.ts';

const Days = (def: number, description: string) => Type.Integer({ minimum: 1, maximum: 400, default: def, description });

/** The plugin's settings (`PUT /api/logging/settings`, or the kernel's plugin settings API). */
export const LoggingSettingsSchema = Type.Object({
  retentionDays: Type.Object(
    {
      error: Days(DEFAULT_RETENTION.error, 'Days ERROR lines are kept'),
      warn: Days(DEFAULT_RETENTION.warn, 'Days WARN lines are kept'),
      info: Days(DEFAULT_RETENTION.info, 'Days INFO lines are kept'),
      debug: Days(DEFAULT_RETENTION.debug, 'Days DEBUG lines are kept'),
    },
    { additionalProperties: false, default: { ...DEFAULT_RETENTION } },
  ),
  piiPaths: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), {
    default: [],
    maxItems: 100,
    description: 'Paths into a line\'s data redacted before storage, e.g. `customer.email`, `*.phone`',
  }),
  piiKeys: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
    default: ['email', 'phone', 'phoneNumber'],
    maxItems: 100,
    description: 'Key names redacted wherever they appear in a line\'s data',
  }),
  maxDebugWindowMinutes: Type.Integer({ minimum: 1, maximum: 7 * 24 * 60, default: 240, description: 'Longest DEBUG window one may switch on' }),
  partitionsAheadDays: Type.Integer({ minimum: 1, maximum: 14, default: 3, description: 'Day partitions created ahead of time' }),
});

export type LoggingSettings = Static<typeof LoggingSettingsSchema>;

/** The settings in force on this instance; reloaded on change (broadcast) and every minute. */
export class LoggingConfig {
  private current: LoggingSettings = {
    retentionDays: { ...DEFAULT_RETENTION },
    piiPaths: [],
    piiKeys: ['email', 'phone', 'phoneNumber'],
    maxDebugWindowMinutes: 240,
    partitionsAheadDays: 3,
  };

  constructor(private readonly ctx: Pick<PluginContext, 'settings' | 'logging'>) {}

  get settings(): LoggingSettings {
    return this.current;
  }

  get retention(): RetentionDays {
    return this.current.retentionDays;
  }

  async reload(): Promise<LoggingSettings> {
    this.current = await this.ctx.settings.get<LoggingSettings>();
    this.ctx.logging.setRedaction({ paths: this.current.piiPaths, keys: this.current.piiKeys });
    return this.current;
  }
}
