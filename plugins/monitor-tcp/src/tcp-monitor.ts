import net from 'node:net';
import { CheckFailure, defineMonitor, describeCheckFailure, monitorResult } from '@platform/sdk/monitors';
import { Type } from '@platform/sdk';

/** Opens a connection; resolves with the first bytes the server sends when `readBanner` is set. */
function connect(host: string, port: number, signal: AbortSignal, readBanner: boolean): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    const done = (err: Error | null, banner: string | null = null) => {
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      if (err) reject(err);
      else resolve(banner);
    };
    const onAbort = () => done(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('error', (err) => done(err));
    socket.once('connect', () => {
      if (!readBanner) return done(null);
      socket.once('data', (chunk) => done(null, chunk.toString('utf8', 0, Math.min(chunk.length, 512))));
    });
  });
}

/** TCP: the port accepts connections (and greets with the expected banner, when one is set). */
export const tcpMonitor = defineMonitor({
  id: 'tcp',
  name: 'TCP port',
  description: 'A host:port accepts connections',
  tier: 'core',
  scope: 'platform',
  configSchema: Type.Object({
    host: Type.String({ minLength: 1 }),
    port: Type.Integer({ minimum: 1, maximum: 65535 }),
    expectBanner: Type.Optional(Type.String({ description: 'Text the server must send first (e.g. "SSH-2.0")' })),
  }),
  defaultThresholds: { degradedMs: 1000, unhealthyMs: 3000 },
  async check(ctx) {
    const { host, port, expectBanner } = ctx.config;
    let banner: string | null;
    try {
      banner = await connect(host, port, ctx.signal, !!expectBanner);
    } catch (err) {
      throw new CheckFailure(`${host}:${port}: ${describeCheckFailure(err, ctx.signal, ctx.timeoutMs)}`);
    }
    if (expectBanner && !(banner ?? '').includes(expectBanner)) return monitorResult(ctx, 'unhealthy', `${host}:${port} answered without "${expectBanner}"`, { banner: banner?.slice(0, 80) ?? null });
    return monitorResult(ctx, 'healthy', `${host}:${port} accepts connections`, expectBanner ? { banner: banner?.slice(0, 80) ?? null } : {});
  },
});
