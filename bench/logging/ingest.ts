import { randomUUID } from 'node:crypto';
import { createTestKernel } from '@platform/sdk/testing';
import { runInLogScope } from '@platform/sdk';
import logging from '@platform/plugin-logging';
import { createBenchPlugin } from './bench-plugin.ts';

export interface IngestResult {
  entries: number;
  fieldsPerEntry: number;
  seconds: number;
  perSecond: number;
  stored: number;
  dropped: number;
  failed: number;
  batches: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Logger → PostgreSQL: `entries` lines through `ctx.logger` inside request scopes (tenant, user, request id),
 * 12 LogEntry fields + 8 data keys = 20 fields each, a producer that backs off while the buffer is over half
 * full (the logger never blocks; the producer is polite), timed until every line is in `platform_logs`.
 */
export async function measureIngest(entries: number): Promise<IngestResult> {
  const bench = createBenchPlugin();
  const t = await createTestKernel({ plugins: [logging, bench.plugin], config: { logLevel: 'error', logBufferLines: 50_000 } });
  try {
    const ctx = bench.context();
    const tenants = await Promise.all(['alpha', 'beta', 'gamma', 'delta'].map((s) => t.tenant(`ingest-${s}`)));
    const log = ctx.logger.child({ service: 'checkout' });
    const capacity = ctx.logging.stats().capacity;
    const started = performance.now();
    let produced = 0;
    while (produced < entries) {
      while (ctx.logging.stats().buffered > capacity / 2) await sleep(1);
      const tenant = tenants[produced % tenants.length];
      runInLogScope({ requestId: randomUUID(), tenantId: tenant.id, tenantSlug: tenant.slug, userId: randomUUID() }, () => {
        for (let i = 0; i < 500 && produced < entries; i++, produced++) {
          log.info(
            { action: 'order.placed', orderId: produced, sku: `SKU-${produced % 977}`, quantity: (produced % 5) + 1, amountCents: produced % 100_000, currency: 'EUR', channel: 'web', coupon: produced % 3 ? null : 'SPRING', warehouse: `wh-${produced % 7}` },
            `order ${produced} placed`,
          );
        }
      });
      await new Promise((r) => setImmediate(r));
    }
    await ctx.logging.flush();
    const seconds = (performance.now() - started) / 1000;
    const [{ n }] = await t.sql<{ n: string }>("SELECT count(*) AS n FROM platform_logs WHERE service = 'checkout' AND action = 'order.placed'");
    const stats = ctx.logging.stats();
    const dropped = Object.values(stats.dropped).reduce((a, b) => a + b, 0);
    return { entries, fieldsPerEntry: 20, seconds, perSecond: entries / seconds, stored: Number(n), dropped, failed: stats.failed.postgres ?? 0, batches: stats.batches };
  } finally {
    await t.close();
  }
}
