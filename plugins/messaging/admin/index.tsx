/**
 * Console part of messaging: provider configurations (form generated from each provider's settings schema,
 * secrets masked, test connection), tenants' failover order, SMS credit accounts with their ledger and a
 * top-up with a reason, the template editor (variable picker, live preview, validation, segment counter),
 * the delivery log with message detail (attempts, status history), analytics charts, and the tenant
 * admin's "My messaging" and "Message templates" (overriding the platform's templates). Paths match the manifest's nav items (`src/messaging-nav.ts`).
 */
import { defineAdminPlugin } from '@platform/sdk/admin';
import { ProviderCreate, ProviderEdit, ProviderList } from './provider-pages.tsx';
import { AssignmentPage } from './assignment-page.tsx';
import { CreditAccountList, CreditAccountShow } from './credit-pages.tsx';
import { TemplateList } from './template-list.tsx';
import { TemplateCreate, TemplateEdit } from './template-editor.tsx';
import { MessageList, MessageShow } from './message-pages.tsx';
import { AnalyticsPage } from './analytics-page.tsx';
import { MyMessagingPage } from './my-messaging-page.tsx';
import { MyTemplateCustomizePage, MyTemplateEditPage, MyTemplatesPage } from './my-templates-page.tsx';

export default defineAdminPlugin({
  name: 'messaging',
  resources: [
    { name: 'messaging/providers', list: ProviderList, create: ProviderCreate, edit: ProviderEdit, options: { label: 'Messaging providers' }, recordRepresentation: 'name', navItem: 'messaging.providers' },
    { name: 'messaging/credits', list: CreditAccountList, show: CreditAccountShow, options: { label: 'SMS credit accounts' }, recordRepresentation: 'name', navItem: 'messaging.credits' },
    { name: 'messaging/templates', list: TemplateList, create: TemplateCreate, edit: TemplateEdit, options: { label: 'Message templates' }, recordRepresentation: 'key', navItem: 'messaging.templates' },
    { name: 'messaging/messages', list: MessageList, show: MessageShow, options: { label: 'Delivery log' }, recordRepresentation: 'to', navItem: 'messaging.messages' },
  ],
  routes: [
    { path: '/messaging/assignments', component: AssignmentPage, navItem: 'messaging.assignments' },
    { path: '/messaging/analytics', component: AnalyticsPage, navItem: 'messaging.analytics' },
    { path: '/messaging/my', component: MyMessagingPage, navItem: 'messaging.my' },
    { path: '/messaging/my/templates', component: MyTemplatesPage, navItem: 'messaging.my-templates' },
    { path: '/messaging/my/templates/customize/:id', component: MyTemplateCustomizePage, navItem: 'messaging.my-templates' },
    { path: '/messaging/my/templates/:id', component: MyTemplateEditPage, navItem: 'messaging.my-templates' },
  ],
});
