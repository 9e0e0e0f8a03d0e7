/**
 * Console part of the GDPR plugin: staff's request queue (deletion preview and execution, certificate download,
 * reject), retention per category, and a tenant admin's "Privacy" page to export the tenant's data. Paths match the
 * manifest's nav items.
 */
import { defineAdminPlugin } from '@platform/sdk/admin';
import { GdprQueuePage } from './gdpr-queue-page.tsx';
import { RetentionPage } from './retention-page.tsx';
import { PrivacyPage } from './privacy-page.tsx';

export default defineAdminPlugin({
  name: 'gdpr',
  routes: [
    { path: '/gdpr', component: GdprQueuePage, navItem: 'gdpr.queue' },
    { path: '/gdpr/retention', component: RetentionPage, navItem: 'gdpr.retention' },
    { path: '/privacy', component: PrivacyPage, navItem: 'gdpr.privacy' },
  ],
});
