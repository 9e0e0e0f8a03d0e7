import { expect, it } from 'vitest';
import { createTestKernel } from '@platform/sdk/testing';
import logging from '@platform/plugin-logging';
import { createLogFixture } from './support/log-fixture-plugin.ts';
import { getJson, logAs } from './support/logging-api.ts';

/** The same storage on the embedded PostgreSQL (PGlite, one session): partitions, full text, groups, the job. */
it('stores, searches and groups on the embedded database', async () => {
  const fx = createLogFixture();
  const t = await createTestKernel({ plugins: [logging, fx.plugin], database: 'embedded' });
  try {
    const admin = await t.signIn({ role: 'tenant_admin', tenant: 'acme' });
    const requestId = await logAs(admin, [
      { level: 'info', message: 'hello from the embedded database', action: 'hello' },
      { level: 'error', message: 'import failed', error: { type: 'ImportError', message: 'row 7 rejected' } },
    ]);
    await fx.flush();
    expect((await getJson(admin, `/api/logging/logs?requestId=${requestId}&q=embedded`)).items).toHaveLength(1);
    expect((await getJson(t.client, '/api/logging/errors')).map((g: any) => g.errorType)).toEqual(['ImportError']);
    await t.kernel.services.jobs.runNow('logging.partitions');
  } finally {
    await t.close();
  }
});
