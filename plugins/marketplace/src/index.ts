import { definePlugin } from '@platform/sdk';

export default definePlugin({
  name: 'marketplace',
  version: '0.1.0',
  kernel: '^0.1.0',
  description: 'Marketplace: add-ons tenants buy (SMS credits, tenant plugins, flag entitlements, integrations) and the integrations catalog',
});
