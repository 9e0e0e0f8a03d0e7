import { definePlugin } from '@platform/sdk';

export default definePlugin({
  name: 'billing',
  version: '0.1.0',
  kernel: '^0.1.0',
  description: 'Billing: accounts, invoices from plans and usage, payments, credit notes, dunning',
});
