import { definePlugin } from '@platform/sdk';

export default definePlugin({
  name: 'support',
  version: '0.1.0',
  kernel: '^0.1.0',
  description: 'Support tickets with attachments, SLA timers and a debug snapshot',
});
