import PgBoss from 'pg-boss';
import { initOrm, withRawConnection } from '../src/db/orm.ts';
import { applyMigrations } from '../src/db/migrations.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const url = process.argv[2] || null;
const dir = mkdtempSync(join(tmpdir(), 'pgl-'));
const h = await initOrm({ databaseUrl: url, dataDir: dir, entities: [] });
await applyMigrations(h.orm.em.fork(), [{ owner: 'kernel', dir: '/work/main/migrations' }]);
const db = {
  async executeSql(text: string, values?: unknown[]) {
    return withRawConnection(h.orm.em.fork(), async (conn: any) => {
      try {
        if ((!values || values.length === 0) && typeof conn.exec === 'function') {
          const rs = await conn.exec(text);
          return rs[rs.length - 1] ?? { rows: [] };
        }
        return await conn.query(text, values);
      } catch (e) { console.log('SQL ERR', (e as Error).message, text.slice(0, 80)); try { await conn.query('ROLLBACK'); } catch {} throw e; }
    });
  },
};
const boss = new PgBoss({ db, schedule: false, supervise: true } as any);
boss.on('error', (e) => console.log('boss error', e));
const t0 = Date.now();
await boss.start();
console.log('started', Date.now() - t0);
await boss.createQueue('demo.tick', { policy: 'standard', retryLimit: 0 } as any);
console.log(await boss.getQueue('demo.tick'));
const id = '6f1f0a3e-0000-4000-8000-000000000001';
console.log('send1', await boss.send('demo.tick', { scheduledAt: new Date().toISOString() }, { id, singletonKey: 'k1', retryLimit: 0 } as any));
console.log('send2', await boss.send('demo.tick', { scheduledAt: new Date().toISOString() }, { id, singletonKey: 'k1', retryLimit: 0 } as any));
let n = 0;
const wid = await boss.work('demo.tick', { pollingIntervalSeconds: 0.5, batchSize: 1 } as any, async (jobs: any[]) => { n++; console.log('got', jobs); if (n === 2) throw new Error('boom'); });
await new Promise((r) => setTimeout(r, 1200));
console.log('send3', await boss.send('demo.tick', { x: 1 }, { retryLimit: 0 } as any));
boss.notifyWorker(wid);
await new Promise((r) => setTimeout(r, 1200));
console.log(await withRawConnection(h.orm.em.fork(), (c: any) => c.query('select id, state, singleton_key, output from pgboss.job')));
console.log(await boss.maintain?.());
await boss.stop({ graceful: true, wait: true, timeout: 2000, close: false } as any);
await h.close();
console.log('n', n);
