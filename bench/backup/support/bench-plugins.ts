import { fileURLToPath } from 'node:url';
import { definePlugin, type PluginManifest } from '@platform/sdk';

const migrations = fileURLToPath(new URL('./bench-migrations', import.meta.url));

/** Three plugins, one table each (the first owns the migration that creates all three). */
export const benchPlugins: PluginManifest[] = [
  definePlugin({ name: 'benchbk-orders', version: '0.0.0', kernel: '^0.1.0', migrations, data: [{ table: 'benchbk_orders', personalFields: [{ column: 'customer_email', category: 'contact' }], deletion: { action: 'anonymize' } }] }),
  definePlugin({ name: 'benchbk-events', version: '0.0.0', kernel: '^0.1.0', dependsOn: ['benchbk-orders'], data: [{ table: 'benchbk_events', personalFields: [], deletion: { action: 'delete' } }] }),
  definePlugin({ name: 'benchbk-notes', version: '0.0.0', kernel: '^0.1.0', dependsOn: ['benchbk-orders'], data: [{ table: 'benchbk_notes', personalFields: [{ column: 'body', category: 'content' }], deletion: { action: 'delete' } }] }),
];

export const BENCH_TABLES = ['benchbk_orders', 'benchbk_events', 'benchbk_notes'];
