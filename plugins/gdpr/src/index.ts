import { fileURLToPath } from 'node:url';
import { definePlugin } from '@platform/sdk';
import { gdprDataDeclarations } from './data-declarations.ts';
import { gdprPermissions, GDPR_PERMISSIONS } from './gdpr-permissions.ts';
import { GdprRequests } from './gdpr-requests.ts';
import { registerGdprRoutes } from './gdpr-routes.ts';
import { applyRetention } from './retention.ts';

/**
 * GDPR requests, built on every plugin's data declarations (`@platform/sdk/data-protection`): a queue of export and
 * deletion requests with a 30-day deadline, identity verified by an emailed single-use link (messaging), export
 * packages per data category (zip, stored through storage's BLOB_STORE, a download link that works once for 7 days),
 * deletions previewed and executed over every declaration plus the audit's crypto-shredding, permanent deletion
 * certificates, and retention per category applied nightly. Routes under `/api/gdpr` (see `gdpr-routes.ts`).
 */
export default definePlugin({
  name: 'gdpr',
  version: '0.1.0',
  kernel: '^0.1.0',
  description: 'GDPR requests: export, deletion with crypto-shredding, certificates and retention',
  dependsOn: ['messaging', 'storage'],
  permissions: gdprPermissions,
  migrations: fileURLToPath(new URL('../migrations', import.meta.url)),
  data: gdprDataDeclarations,
  nav: [
    { id: 'gdpr.queue', label: 'GDPR requests', path: '/gdpr', icon: 'Policy', section: 'platform', order: 80, permission: GDPR_PERMISSIONS.read, audience: 'staff' },
    { id: 'gdpr.retention', label: 'Data retention', path: '/gdpr/retention', icon: 'History', section: 'platform', order: 81, permission: GDPR_PERMISSIONS.read, audience: 'staff' },
    { id: 'gdpr.privacy', label: 'Privacy', path: '/privacy', icon: 'Lock', section: 'settings', order: 90, permission: GDPR_PERMISSIONS.tenantExport, audience: 'tenant' },
  ],
  boot(ctx) {
    const requests = new GdprRequests(ctx);
    registerGdprRoutes(ctx, requests);
    ctx.jobs.define({ name: 'apply-retention', cron: '30 2 * * *', handler: async () => void (await applyRetention(ctx)) });
  },
});
