/**
 * Console part of backups (platform staff): backups with their progress, a new backup (full or of chosen plugins),
 * verify, delete, the restore wizard (dry run and verification, typed slug, restore with progress), restores and the
 * schedules with retention. The path matches the manifest's nav item `backups.backups`.
 */
import { defineAdminPlugin } from '@platform/sdk/admin';
import { BackupsPage } from './backups-page.tsx';

export default defineAdminPlugin({
  name: 'backups',
  routes: [{ path: '/backups', component: BackupsPage, navItem: 'backups.backups' }],
});
