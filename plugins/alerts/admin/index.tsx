/**
 * Console part of the alerts plugin: the rule editor (metric picker, dimension filter, live preview of the
 * current value), active alerts with acknowledge / resolve / create incident under a time-to-acknowledge
 * card, one alert's history and notifications, the history filtered by rule, severity, event and time with
 * CSV export, and the delivery outbox. Paths match the manifest's nav items.
 */
import { defineAdminPlugin } from '@platform/sdk/admin';
import { RuleCreate, RuleEdit } from './rule-editor.tsx';
import { RuleList } from './rule-list.tsx';
import { ActiveAlertList } from './active-alerts.tsx';
import { AlertShow } from './alert-show.tsx';
import { AlertHistoryList } from './history-list.tsx';
import { DeliveryList } from './delivery-list.tsx';

export default defineAdminPlugin({
  name: 'alerts',
  resources: [
    { name: 'alerts/active', list: ActiveAlertList, show: AlertShow, options: { label: 'Active alerts' }, recordRepresentation: 'ruleName', navItem: 'alerts.active' },
    { name: 'alerts/rules', list: RuleList, create: RuleCreate, edit: RuleEdit, options: { label: 'Alert rules' }, recordRepresentation: 'name', navItem: 'alerts.rules' },
    { name: 'alerts/history', list: AlertHistoryList, options: { label: 'Alert history' }, navItem: 'alerts.history' },
    { name: 'alerts/deliveries', list: DeliveryList, options: { label: 'Notification deliveries' }, navItem: 'alerts.deliveries' },
  ],
});
