import { CheckFailure, defineMonitor, monitorResult } from '@platform/sdk/monitors';
import { Secret, Type } from '@platform/sdk';
import { RespConnection } from './resp-connection.ts';
import { parseInfo, RespError, type RespValue } from './resp-parser.ts';

/** `degraded` when memory use passes `warnRatio` of `maxmemory` (when a limit is set). */
export function memoryVerdict(usedBytes: number, maxBytes: number, warnRatio: number): 'healthy' | 'degraded' {
  return maxBytes > 0 && usedBytes / maxBytes >= warnRatio ? 'degraded' : 'healthy';
}

const reply = (value: RespValue, what: string): string => {
  if (value instanceof RespError) throw new CheckFailure(`${what} refused: ${value.message}`);
  if (typeof value !== 'string') throw new CheckFailure(`unexpected ${what} reply`);
  return value;
};

/** Redis: PING, then INFO for version, role, clients and memory, over a tiny RESP client. */
export const redisMonitor = defineMonitor({
  id: 'redis',
  name: 'Redis',
  description: 'PING and INFO',
  tier: 'critical',
  scope: 'platform',
  configSchema: Type.Object({
    url: Type.String({ pattern: '^rediss?://\\S+$', default: 'redis://127.0.0.1:6379', description: 'redis:// or rediss:// (TLS)' }),
    username: Type.Optional(Type.String()),
    password: Type.Optional(Secret(Type.String())),
    memoryWarnRatio: Type.Number({ minimum: 0.1, maximum: 1, default: 0.9 }),
  }),
  defaultThresholds: { degradedMs: 1000, unhealthyMs: 2000 },
  async check(ctx) {
    const url = new URL(ctx.config.url);
    const conn = await RespConnection.open({ host: url.hostname, port: Number(url.port || 6379), tls: url.protocol === 'rediss:', signal: ctx.signal });
    try {
      if (ctx.config.password) reply(await conn.command('AUTH', ...(ctx.config.username ? [ctx.config.username] : []), ctx.config.password), 'AUTH');
      const pong = reply(await conn.command('PING'), 'PING');
      if (pong !== 'PONG') throw new CheckFailure(`PING answered "${pong.slice(0, 40)}"`);
      const info = parseInfo(reply(await conn.command('INFO'), 'INFO'));
      const used = Number(info.used_memory ?? 0);
      const max = Number(info.maxmemory ?? 0);
      const status = memoryVerdict(used, max, ctx.config.memoryWarnRatio);
      const details = {
        version: info.redis_version ?? null,
        role: info.role ?? null,
        connectedClients: Number(info.connected_clients ?? 0),
        usedMemoryBytes: used,
        maxMemoryBytes: max,
        uptimeSeconds: Number(info.uptime_in_seconds ?? 0),
        rejectedConnections: Number(info.rejected_connections ?? 0),
      };
      const message = status === 'healthy' ? `PONG, ${details.role ?? 'unknown role'}, ${details.connectedClients} clients` : `memory nearly full: ${used} of ${max} bytes`;
      return monitorResult(ctx, status, message, details);
    } finally {
      conn.close();
    }
  },
});
