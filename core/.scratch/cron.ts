import { Cron } from 'croner';
const c = new Cron('*/5 * * * *', { timezone: 'UTC' });
console.log(c.nextRun(new Date('2026-01-01T00:05:00Z')), c.nextRun(new Date('2026-01-01T00:04:59.999Z')));
const s = new Cron('* * * * * *', { timezone: 'UTC' });
console.log(s.nextRun(new Date('2026-01-01T00:05:00.500Z')));
try { new Cron('bad cron'); } catch (e) { console.log('err', (e as Error).message); }
