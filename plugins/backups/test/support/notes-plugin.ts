import { fileURLToPath } from 'node:url';
import { definePlugin } from '@platform/sdk';

/** A test plugin declaring three tables: parent, child with a tenant column, and a grandchild reached through its parent. */
export const notesPlugin = definePlugin({
  name: 'bnotes',
  version: '0.0.0',
  kernel: '^0.1.0',
  migrations: fileURLToPath(new URL('./notes-migrations', import.meta.url)),
  data: [
    { table: 'bnotes_notebooks', personalFields: [], deletion: { action: 'delete' } },
    {
      table: 'bnotes_notes',
      subjects: [{ column: 'author_email', kind: 'email' }],
      personalFields: [{ column: 'author_email', category: 'contact' }, { column: 'body', category: 'content' }],
      deletion: { action: 'anonymize' },
      restoreAfter: ['bnotes_notebooks'],
    },
    { table: 'bnotes_revisions', tenantVia: { column: 'note_id', parentTable: 'bnotes_notes', parentColumn: 'id' }, personalFields: [], deletion: { action: 'delete' } },
  ],
});
