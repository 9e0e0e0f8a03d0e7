// A platform instance with the feature-flags plugin, in a process of its own, for the overload chaos test and
// bench/memory: boots on DATABASE_URL (an existing database, e.g. a throwaway cluster's), takes its load
// shedding thresholds from the environment like `platform start` does (SHED_*), signs a tenant member in, listens
// on a free port and sends `{ url, memberToken }` to its parent. Stops on the message 'stop'; answers 'memory'
// with its memory after a full GC (when run with --expose-gc) and `{ snapshot: file }` with a heap snapshot.
import { writeHeapSnapshot } from 'node:v8';
import { createTestKernel } from '@platform/sdk/testing';
import { loadSheddingFromEnv } from '@platform/core';
import featureFlags from '@platform/plugin-feature-flags';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL is required');
const t = await createTestKernel({ plugins: [featureFlags], databaseUrl, config: { logLevel: 'warn', loadShedding: loadSheddingFromEnv(process.env) } });
const member = await t.signIn({ role: 'tenant_member', tenant: `load-${process.pid}` });
const url = await t.kernel.app.listen({ port: 0, host: '127.0.0.1' });
process.send?.({ url, memberToken: member.token });
process.on('message', async (m: unknown) => {
  if (m === 'memory') {
    (globalThis as { gc?: () => void }).gc?.();
    const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
    process.send?.({ memory: { rss, heapUsed, heapTotal, external } });
  }
  if (m && typeof m === 'object' && 'snapshot' in m) {
    process.send?.({ snapshot: writeHeapSnapshot(String((m as { snapshot: string }).snapshot)) });
  }
  if (m === 'stop') {
    await t.close();
    process.exit(0);
  }
});
