import { fileURLToPath } from 'node:url';
import { definePlugin, Type } from '@platform/sdk';
// --- brand onboarding wizard (wizard helper): src/wizard/, migrations 0050+ ---
import { WIZARD } from './wizard/register-wizard.ts';
// --- end wizard ---

export default definePlugin({
  name: 'onboarding',
  version: '0.1.0',
  kernel: '^0.1.0',
  description: 'Tenant onboarding: invitations, password reset, self-signup, provisioning and the brand onboarding wizard',
  migrations: fileURLToPath(new URL('../migrations', import.meta.url)),
  permissions: [...WIZARD.permissions],
  nav: [...WIZARD.nav],
  data: [...WIZARD.data],
  settings: Type.Object({ ...WIZARD.settingsProperties }),
  register(ctx) {
    WIZARD.register(ctx);
  },
  boot(ctx) {
    WIZARD.boot(ctx);
  },
});
