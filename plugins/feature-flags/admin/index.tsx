/**
 * Console part of the feature-flags plugin: the flag list and editor (targeting builder, rollout slider
 * with presets, variant weights summing to 100%, overrides, audit timeline), the red kill-switch panel,
 * active rollouts, overrides, the global audit trail and the "evaluate as" tester. Paths match the
 * manifest's nav items.
 */
import { defineAdminPlugin } from '@platform/sdk/admin';
import { FlagAuditList } from './audit-timeline.tsx';
import { EvaluateAsPage } from './evaluate-as-page.tsx';
import { FlagCreate, FlagEdit } from './flag-editor.tsx';
import { FlagList } from './flag-list.tsx';
import { FlagsWidget } from './flags-widget.tsx';
import { TenantFlagsWidget } from './tenant-flags-widget.tsx';
import { KillSwitchPanel } from './kill-switch-panel.tsx';
import { OverrideCreate, OverrideEdit, OverrideList } from './overrides.tsx';
import { RolloutList } from './rollouts-page.tsx';
import { CustomerFlagsPanel } from './customer-flags-panel.tsx';

export default defineAdminPlugin({
  name: 'feature-flags',
  resources: [
    { name: 'feature-flags/flags', list: FlagList, create: FlagCreate, edit: FlagEdit, recordRepresentation: 'key', options: { label: 'Feature flags' }, navItem: 'feature-flags.flags' },
    { name: 'feature-flags/overrides', list: OverrideList, create: OverrideCreate, edit: OverrideEdit, options: { label: 'Flag overrides' }, navItem: 'feature-flags.overrides' },
    { name: 'feature-flags/rollouts', list: RolloutList, options: { label: 'Active rollouts' }, navItem: 'feature-flags.rollouts' },
    { name: 'feature-flags/audit', list: FlagAuditList, options: { label: 'Flag audit' }, navItem: 'feature-flags.audit' },
  ],
  routes: [
    { path: '/feature-flags/kill-switches', component: KillSwitchPanel, navItem: 'feature-flags.kill-switches' },
    { path: '/feature-flags/evaluate-as', component: EvaluateAsPage, navItem: 'feature-flags.evaluate-as' },
  ],
  dashboardWidgets: [
    { id: 'feature-flags.summary', title: 'Feature flags', component: FlagsWidget, size: 'small', permission: 'flags.read', navItem: 'feature-flags.flags', audience: 'staff' },
    { id: 'feature-flags.tenant', title: 'Your flags', component: TenantFlagsWidget, size: 'medium', order: 40, permission: 'flags.read', navItem: 'feature-flags.evaluate-as', audience: 'tenant' },
  ],
  customer360Panels: [{ id: 'feature-flags.overrides', title: 'Flags and overrides', component: CustomerFlagsPanel, subject: 'both', order: 70, permission: 'flags.read' }],
});
