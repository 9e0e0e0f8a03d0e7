/**
 * Console part of the logging plugin: the log viewer (filters, live tail, expandable JSON, export), the
 * request trace, the error explorer (groups with sparklines, trend, samples, resolve/ignore), and the
 * retention settings with DEBUG windows. Paths match the manifest's nav items.
 */
import { defineAdminPlugin } from '@platform/sdk/admin';
import { LogViewerPage } from './log-viewer-page.tsx';
import { TracePage } from './trace-page.tsx';
import { ErrorListPage } from './error-list-page.tsx';
import { ErrorDetailPage } from './error-detail-page.tsx';
import { RetentionPage } from './retention-page.tsx';

export default defineAdminPlugin({
  name: 'logging',
  routes: [
    { path: '/logging/logs', component: LogViewerPage, navItem: 'logging.logs' },
    { path: '/logging/trace/:requestId', component: TracePage, navItem: 'logging.logs' },
    { path: '/logging/errors', component: ErrorListPage, navItem: 'logging.errors' },
    { path: '/logging/errors/:id', component: ErrorDetailPage, navItem: 'logging.errors' },
    { path: '/logging/settings', component: RetentionPage, navItem: 'logging.settings' },
  ],
});
