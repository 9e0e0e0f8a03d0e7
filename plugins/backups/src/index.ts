import { definePlugin } from '@platform/sdk';

export default definePlugin({
  name: 'backups',
  version: '0.1.0',
  kernel: '^0.1.0',
  description: 'Per-tenant logical backups and restore: encrypted, streamed, verified',
});
