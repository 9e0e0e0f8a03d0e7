import type { Customer360PanelDefinition } from '@platform/sdk/admin';
import { ErrorsPanel } from './errors-panel.tsx';
import { HealthPanel } from './health-panel.tsx';
import { NotesPanel } from './notes-panel.tsx';
import { PlanPanel } from './plan-panel.tsx';
import { ProfilePanel } from './profile-panel.tsx';
import { TimelinePanel } from './timeline-panel.tsx';
import { UsagePanel } from './usage-panel.tsx';
import { UserProfilePanel } from './user-profile-panel.tsx';
import { UsersPanel } from './users-panel.tsx';

const permission = 'customer-success.customers.read';

/** Customer success's own panels of the 360 page; tickets, flags and incidents come from their plugins. */
export const CUSTOMER_360_PANELS: Customer360PanelDefinition[] = [
  { id: 'customer-success.profile', title: 'Profile and tags', component: ProfilePanel, order: 10, permission },
  { id: 'customer-success.users', title: 'Users', component: UsersPanel, order: 15, permission: 'users.read' },
  { id: 'customer-success.plan', title: 'Plan and billing', component: PlanPanel, order: 20, permission },
  { id: 'customer-success.usage', title: 'Usage', component: UsagePanel, order: 30, permission },
  { id: 'customer-success.health', title: 'Health score', component: HealthPanel, order: 40, permission: 'customer-success.health.read' },
  { id: 'customer-success.errors', title: 'Last 3 errors', component: ErrorsPanel, order: 50, permission },
  { id: 'customer-success.notes', title: 'Notes and contact log', component: NotesPanel, subject: 'both', size: 'large', order: 80, permission },
  { id: 'customer-success.timeline', title: 'Activity timeline', component: TimelinePanel, size: 'large', order: 90, permission },
  { id: 'customer-success.user-profile', title: 'User profile and activity', component: UserProfilePanel, subject: 'user', size: 'large', order: 10, permission },
];
