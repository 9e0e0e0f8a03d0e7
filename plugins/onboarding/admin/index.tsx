/**
 * Console part of onboarding. The brand onboarding wizard (admin/wizard/): its pages at `/onboarding/wizard`
 * and the guided tour on a tenant admin's dashboard.
 */
import { defineAdminPlugin } from '@platform/sdk/admin';
// --- brand onboarding wizard (wizard helper) ---
import { WIZARD_ROUTES, WIZARD_WIDGETS } from './wizard/index.ts';
// --- end wizard ---

export default defineAdminPlugin({
  name: 'onboarding',
  routes: [...WIZARD_ROUTES],
  dashboardWidgets: [...WIZARD_WIDGETS],
});
