import pg from 'pg';
import { CheckFailure, defineMonitor, describeCheckFailure, monitorResult } from '@platform/sdk/monitors';
import { Secret, Type } from '@platform/sdk';

/** `degraded` once this share of `max_connections` is in use. */
export function connectionVerdict(connections: number, maxConnections: number, warnRatio: number): 'healthy' | 'degraded' {
  return maxConnections > 0 && connections / maxConnections >= warnRatio ? 'degraded' : 'healthy';
}

const defaultUrl = process.env.DATABASE_URL;

/** PostgreSQL: connects, runs the configured query, and reads connection usage and the server's role. */
export const postgresMonitor = defineMonitor({
  id: 'postgres',
  name: 'PostgreSQL',
  description: 'Runs a real query and reads connection usage',
  tier: 'critical',
  scope: 'platform',
  configSchema: Type.Object({
    connectionString: Secret(Type.String({ minLength: 1, ...(defaultUrl ? { default: defaultUrl } : {}), description: 'postgres://... (default: DATABASE_URL)' })),
    query: Type.String({ default: 'SELECT 1', description: 'A cheap, read-only query' }),
    connectionWarnRatio: Type.Number({ minimum: 0.1, maximum: 1, default: 0.9 }),
  }),
  defaultThresholds: { degradedMs: 1000, unhealthyMs: 2000 },
  async check(ctx) {
    const client = new pg.Client({ connectionString: ctx.config.connectionString, connectionTimeoutMillis: ctx.timeoutMs, statement_timeout: ctx.timeoutMs, application_name: 'platform-health' });
    client.on('error', () => undefined);
    const abort = () => void client.end().catch(() => undefined);
    ctx.signal.addEventListener('abort', abort, { once: true });
    try {
      await client.connect();
      const result = await client.query(ctx.config.query);
      const { rows } = await client.query<{ version: string; connections: number; max_connections: number; replica: boolean }>(
        `SELECT current_setting('server_version') AS version, (SELECT count(*) FROM pg_stat_activity)::int AS connections,
                current_setting('max_connections')::int AS max_connections, pg_is_in_recovery() AS replica`,
      );
      const s = rows[0];
      const status = connectionVerdict(s.connections, s.max_connections, ctx.config.connectionWarnRatio);
      const usage = `${s.connections}/${s.max_connections} connections`;
      return monitorResult(ctx, status, status === 'healthy' ? `query ok, ${usage}` : `connection pool nearly full: ${usage}`, {
        serverVersion: s.version,
        connections: s.connections,
        maxConnections: s.max_connections,
        replica: s.replica,
        rows: result.rowCount,
      });
    } catch (err) {
      const code = (err as { code?: string }).code;
      // SQLSTATE codes (28P01 bad password, 3D000 no database, 57014 statement timeout...) are safe to show operators.
      throw new CheckFailure(code && /^[0-9A-Z]{5}$/.test(code) ? `PostgreSQL error ${code}: ${(err as Error).message}` : describeCheckFailure(err, ctx.signal, ctx.timeoutMs));
    } finally {
      ctx.signal.removeEventListener('abort', abort);
      await client.end().catch(() => undefined);
    }
  },
});
