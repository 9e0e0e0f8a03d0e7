import { defineMonitor, monitorRegistration, monitorSettings, monitorResult, MONITORS, type MonitorScope, type MonitorStatus, type MonitorTier } from '@platform/sdk/monitors';
import { definePlugin, Secret, Type } from '@platform/sdk';

/** What the scripted monitor answers next, per target key (`*` for any). */
export interface Script {
  status: MonitorStatus;
  delayMs: number;
  message: string;
}

/** Counts checks in flight, shared by any number of scripted monitors (concurrency tests). */
export interface CheckGauge {
  running: number;
  peak: number;
  started: number;
}

export function checkGauge(): CheckGauge {
  return { running: 0, peak: 0, started: 0 };
}

/**
 * A monitor plugin for tests whose answers the test sets. It requires a secret `token` (defaulted, so
 * it is configured out of the box) and a `region` that tests may unset per tenant.
 */
export function scriptedMonitorPlugin(id: string, opts: { scope?: MonitorScope; tier?: MonitorTier; name?: string; pluginScope?: 'platform' | 'tenant'; requireShop?: boolean; gauge?: CheckGauge } = {}) {
  const scripts = new Map<string, Script>();
  const calls: { targetKey: string; token: string }[] = [];
  const set = (script: Partial<Script>, targetKey = '*') => scripts.set(targetKey, { status: 'healthy', delayMs: 0, message: 'ok', ...(scripts.get(targetKey) ?? {}), ...script });
  set({});
  const monitor = defineMonitor({
    id,
    name: opts.name ?? `Scripted ${id}`,
    tier: opts.tier ?? 'critical',
    scope: opts.scope ?? 'platform',
    configSchema: Type.Object({
      token: Secret(Type.String({ minLength: 1, default: 'tok-default-secret' })),
      ...(opts.requireShop ? { shop: Type.String({ minLength: 1 }) } : {}),
    }),
    defaultThresholds: { degradedMs: 1000, unhealthyMs: 2000 },
    async check(ctx) {
      const targetKey = ctx.tenant?.id ?? 'platform';
      calls.push({ targetKey, token: ctx.config.token });
      const s = scripts.get(targetKey) ?? scripts.get('*')!;
      const gauge = opts.gauge;
      if (gauge) {
        gauge.started++;
        gauge.peak = Math.max(gauge.peak, ++gauge.running);
      }
      try {
        if (s.delayMs) await new Promise((r) => setTimeout(r, s.delayMs));
      } finally {
        if (gauge) gauge.running--;
      }
      return { ...monitorResult(ctx, s.status, s.message.replace('$TOKEN', ctx.config.token)), responseTimeMs: s.delayMs };
    },
  });
  const plugin = definePlugin({
    name: `monitor-${id}`,
    version: '1.0.0',
    kernel: '^0.1.0',
    dependsOn: ['health'],
    scope: opts.pluginScope ?? 'platform',
    settings: monitorSettings(monitor),
    boot: (ctx) => ctx.extensions.contribute(MONITORS, monitorRegistration(ctx, monitor)),
  });
  return { plugin, monitor, set, calls };
}

/** A clock tests move by hand. */
export function manualClock(start = Date.parse('2025-10-22T12:00:00.000Z')) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms), set: (t: number) => void (now = t) };
}
