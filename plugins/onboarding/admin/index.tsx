/**
 * Console part of onboarding: the invitations list (resend and revoke, confirmed) and the invite form. The public
 * pages (accept an invitation, forgot / reset the password, sign up, confirm a signup) are in `public/`, served at
 * `/<file name>` to visitors who are not signed in. The brand onboarding wizard (admin/wizard/): its pages at
 * `/onboarding/wizard` and the guided tour on a tenant admin's dashboard.
 */
import { defineAdminPlugin } from '@platform/sdk/admin';
import { InvitationCreate, InvitationList } from './invitation-pages.tsx';
import { WIZARD_ROUTES, WIZARD_WIDGETS } from './wizard/index.ts';

export default defineAdminPlugin({
  name: 'onboarding',
  resources: [{ name: 'onboarding/invitations', list: InvitationList, create: InvitationCreate, options: { label: 'Invitations' }, recordRepresentation: 'email', navItem: 'onboarding.invitations' }],
  routes: [...WIZARD_ROUTES],
  dashboardWidgets: [...WIZARD_WIDGETS],
});
