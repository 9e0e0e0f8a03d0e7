import { definePlugin } from '@platform/sdk';

export default definePlugin({
  name: 'storage',
  version: '0.1.0',
  kernel: '^0.1.0',
  description: 'Blob storage for backups, exports and attachments: local filesystem or S3-compatible',
});
