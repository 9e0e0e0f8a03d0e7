import { fileURLToPath } from 'node:url';
import { definePlugin } from '@platform/sdk';

/** A test plugin declaring one table of personal rows (contact and content categories). */
export const exportRowsPlugin = definePlugin({
  name: 'gexp',
  version: '0.0.0',
  kernel: '^0.1.0',
  migrations: fileURLToPath(new URL('./export-rows-migrations', import.meta.url)),
  data: [
    {
      table: 'gexp_rows',
      subjects: [{ column: 'email', kind: 'email' }],
      personalFields: [{ column: 'email', category: 'contact' }, { column: 'note', category: 'content' }],
      deletion: { action: 'delete' },
    },
  ],
});
