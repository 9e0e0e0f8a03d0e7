import { definePlugin } from '@platform/sdk';

export default definePlugin({
  name: 'gdpr',
  version: '0.1.0',
  kernel: '^0.1.0',
  description: 'GDPR requests: export, deletion with crypto-shredding, certificates and retention',
});
