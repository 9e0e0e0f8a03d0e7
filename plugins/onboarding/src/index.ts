import { definePlugin } from '@platform/sdk';

export default definePlugin({
  name: 'onboarding',
  version: '0.1.0',
  kernel: '^0.1.0',
  description: 'Tenant onboarding: invitations, password reset, self-signup, provisioning and the brand onboarding wizard',
});
