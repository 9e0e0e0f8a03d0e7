/**
 * `@platform/sdk/admin`: what a plugin contributes to the console (react-admin resources, custom pages,
 * dashboard widgets, icons).
 *
 * A plugin's console entry is `plugins/<name>/admin/index.tsx`, default-exporting `defineAdminPlugin({...})`:
 *
 * ```tsx
 * import { defineAdminPlugin } from '@platform/sdk/admin';
 * import { FlagList, FlagEdit, FlagCreate } from './flags.tsx';
 *
 * export default defineAdminPlugin({
 *   name: 'feature-flags',                       // the backend manifest's name
 *   resources: [{ name: 'feature-flags/flags', list: FlagList, edit: FlagEdit, create: FlagCreate }],
 *   dashboardWidgets: [{ id: 'flags.summary', title: 'Feature flags', component: FlagSummary }],
 * });
 * ```
 *
 * The console shell finds these entries at build time, loads each one lazily (its own chunk) and only when
 * `GET /api/nav` returns at least one nav item of that plugin for the signed-in user and selected tenant.
 * Resource names are API paths under `/api`, so `feature-flags/flags` lists `GET /api/feature-flags/flags`
 * and its pages live at the console path `/feature-flags/flags` (point the manifest's nav item there).
 *
 * The console provides `react`, `react-dom`, `react-admin`, `@mui/material`, `@mui/icons-material`,
 * `@tanstack/react-query`, `react-hook-form`, `react-router-dom` and `recharts` to plugin entries (one shared copy
 * each, resolved from the console), so a plugin neither installs nor bundles its own.
 *
 * This module imports nothing (not even React types), so that it type-checks everywhere the SDK does;
 * components are typed structurally.
 *
 * Feature flags in a console entry: `useFlag(key, fallback)` from `@platform/sdk/admin/use-flag` (a separate
 * module because it imports `ra-core` and `@tanstack/react-query`, both provided by the console).
 */

/** Anything React can render as a component: a function, a class, or a `memo`/`lazy`/`forwardRef` object. */
export type AdminComponent<P = any> =
  | ((props: P) => unknown)
  | (abstract new (props: P) => unknown)
  | { readonly $$typeof: symbol };

/** A react-admin resource. Any other `<Resource>` prop may be given too and is passed through. */
export interface AdminResourceDefinition {
  /**
   * The react-admin resource name, which is also the console path of its pages (`/feature-flags/flags`),
   * so point the manifest's nav item there. By default also the API path under `/api`.
   */
  name: string;
  /** API path under `/api` when it differs from `name`, e.g. name `example-notes`, apiPath `example/notes`. */
  apiPath?: string;
  list?: AdminComponent;
  create?: AdminComponent;
  edit?: AdminComponent;
  show?: AdminComponent;
  /** Label used in titles and breadcrumbs. The menu label comes from the nav API. */
  options?: { label?: string; [key: string]: unknown };
  /** Field name or function giving a record's display text (react-admin `recordRepresentation`). */
  recordRepresentation?: string | ((record: any) => unknown);
  /**
   * Nav item id (from the backend manifest's `nav`) that gates this resource. When set, the resource is
   * registered only while that item is in the resolved nav; otherwise it follows the plugin as a whole.
   */
  navItem?: string;
  [prop: string]: unknown;
}

/** A custom page at a console path. */
export interface AdminRouteDefinition {
  /** Console path, e.g. `/feature-flags/playground` (a react-router path pattern). */
  path: string;
  component: AdminComponent;
  /** Render without the console layout (no menu, no app bar). */
  noLayout?: boolean;
  /** Nav item id that gates this route (see `AdminResourceDefinition.navItem`). */
  navItem?: string;
}

/** Props every dashboard widget receives. Data hooks (`useGetList`...) already act in the selected tenant. */
export interface DashboardWidgetProps {
  /** The selected tenant, or null at platform level ("All tenants"). */
  tenantId: string | null;
}

export type DashboardWidgetSize = 'small' | 'medium' | 'large' | 'full';

export interface DashboardWidgetDefinition {
  /** Unique, e.g. `feature-flags.summary`. */
  id: string;
  title: string;
  component: AdminComponent<DashboardWidgetProps>;
  /** Grid width at laptop size: small = 1/4, medium = 1/3 (default), large = 1/2, full = whole row. */
  size?: DashboardWidgetSize;
  /** Lower comes first; default 100. */
  order?: number;
  /** Shown only when the signed-in actor holds this permission. */
  permission?: string;
  /** Shown only when this nav item is in the resolved nav. */
  navItem?: string;
  /**
   * Whose dashboard it belongs on: `tenant` for tenant users (their plan, services, incidents), `staff` for
   * platform staff; default both. A tenant user's dashboard is about their tenant, never a platform view.
   */
  audience?: 'tenant' | 'staff';
}

/** Props of a tenant-list field: the tenant of the row. */
export interface TenantListFieldProps {
  tenantId: string;
}

/**
 * A column a plugin adds to staff's tenant list (e.g. customer success's health dot). Rendered once per row: fetch
 * one list for all rows (a shared react-query key), never one request per row.
 */
export interface TenantListFieldDefinition {
  /** Unique, e.g. `customer-success.health`. */
  id: string;
  label: string;
  component: AdminComponent<TenantListFieldProps>;
  /** Shown only when the signed-in actor holds this permission. */
  permission?: string;
  /** Shown only when this nav item is in the resolved nav. */
  navItem?: string;
}

/** Props of a customer 360 panel: the tenant the page is about, and on a user's page that user. */
export interface Customer360PanelProps {
  tenantId: string;
  /** Set on a user's 360 page (`/customers/:tenantId/users/:userId`), null on the tenant's page. */
  userId: string | null;
}

/**
 * A panel a plugin adds to staff's customer 360 page of a tenant (`/customers/:tenantId`) or of one of its users
 * (`/customers/:tenantId/users/:userId`): its plan, its tickets, its incidents...
 *
 * The console renders every panel at once, each in its own card inside its own `<Suspense>` (a skeleton) and error
 * boundary (the error and a retry button), so panels load in parallel and a failing one never blanks the page.
 * Fetch with react-query's `useSuspenseQuery` (key it by `tenantId`) and let a failed request throw; read data from
 * the route of the plugin that owns it (staff name the tenant in a filter or path, e.g. `?filter={"tenantId":...}`).
 */
export interface Customer360PanelDefinition {
  /** Unique, e.g. `support.tickets`. */
  id: string;
  title: string;
  component: AdminComponent<Customer360PanelProps>;
  /** Which page it belongs on: the tenant's (default), a user's, or both. */
  subject?: 'tenant' | 'user' | 'both';
  /** Grid width at laptop size: small = 1/4, medium = 1/3 (default), large = 1/2, full = whole row. */
  size?: DashboardWidgetSize;
  /** Lower comes first; default 100. */
  order?: number;
  /** Shown only when the signed-in actor holds this permission. */
  permission?: string;
  /** Shown only when this nav item is in the resolved nav. */
  navItem?: string;
}

export interface AdminPluginDefinition {
  /** The backend plugin's `name` (kebab-case); nav items with `plugin === name` enable this entry. */
  name: string;
  resources?: AdminResourceDefinition[];
  routes?: AdminRouteDefinition[];
  dashboardWidgets?: DashboardWidgetDefinition[];
  /** Columns of staff's tenant list. */
  tenantListFields?: TenantListFieldDefinition[];
  /** Panels of staff's customer 360 page (a tenant's, or a user's). */
  customer360Panels?: Customer360PanelDefinition[];
  /**
   * Icons for this plugin's nav items, by the name used in the manifest's `nav[].icon`, for icons outside
   * the console's built-in set (see `BUILT_IN_NAV_ICONS`).
   */
  icons?: Record<string, AdminComponent>;
}

export function defineAdminPlugin<T extends AdminPluginDefinition>(definition: T): T {
  return definition;
}

/**
 * Extra methods of the console's data provider, for routes outside react-admin's CRUD verbs:
 *
 * ```tsx
 * const dataProvider = useDataProvider<DataProvider & ConsoleApi>();
 * const stats = useQuery({ queryKey: ['example', 'stats'], queryFn: () => dataProvider.api<Stats>('/example/stats') });
 * ```
 * Requests carry the session cookie and the selected tenant; errors are HttpErrors with the problem's detail.
 * `tenant` (an id or slug) sends this one request in that tenant instead of the console's selection: a panel about
 * one tenant (customer 360) shows that tenant whatever tenant a staff member has selected; `'*'` sends it across
 * tenants (a platform page with a tenant picker of its own). A tenant user can only name their own tenant (the
 * kernel refuses any other with 403).
 */
export interface ConsoleApiInit {
  method?: string;
  body?: unknown;
  signal?: AbortSignal;
  tenant?: string;
}

export interface ConsoleApi {
  api<T = unknown>(path: string, init?: ConsoleApiInit): Promise<T>;
}

/**
 * `queryOptions` for a `<Show>` (or `<Edit>`) whose record has fields that the list's rows lack, such as a detail
 * route adding a timeline or a history: `<Show queryOptions={detailQueryOptions}>`.
 *
 * react-admin copies each list row into its cache of single records, so a page opened from a list row first
 * renders that row as its record, and one that reads `record.timeline.map` or `record.level.label` crashes
 * ("Something went wrong") until a reload. With these options the page reads a cache entry of its own: it waits
 * for `GET /api/<resource>/:id` (and refetches it after `useRefresh()`) and never sees a list row.
 */
export const detailQueryOptions = { meta: { detail: true } } as const;

/** Material icon names the console renders for nav items without any plugin help. */
export const BUILT_IN_NAV_ICONS = [
  'AccountBalance', 'AccountTree', 'Analytics', 'Api', 'Apps', 'Article', 'Assessment', 'Assignment', 'AttachMoney',
  'Backup', 'BarChart', 'Bolt', 'Book', 'BugReport', 'Build', 'Business', 'Campaign', 'Category', 'Chat',
  'CheckCircle', 'Cloud', 'Code', 'CreditCard', 'Dashboard', 'Description', 'Dns', 'Email', 'Event', 'Extension',
  'Favorite', 'Flag', 'Folder', 'Gavel', 'Group', 'Groups', 'Handshake', 'Healing', 'History', 'Home', 'Hub',
  'Inbox', 'Insights', 'Inventory', 'Key', 'Label', 'Language', 'Link', 'List', 'LocalOffer', 'Lock', 'Mail',
  'Memory', 'Menu', 'Monitor', 'MonitorHeart', 'Notes', 'Notifications', 'NotificationsActive', 'Payment', 'People',
  'Percent', 'Person', 'Policy', 'Public', 'Receipt', 'ReceiptLong', 'ReportProblem', 'Rocket', 'RocketLaunch',
  'Schedule', 'Science', 'Security', 'Settings', 'Shield', 'ShoppingCart', 'Sms', 'Speed', 'Star', 'StickyNote2',
  'Storage', 'Storefront', 'SupportAgent', 'Sync', 'Task', 'Terminal', 'Timeline', 'Timer', 'ToggleOn', 'Tune',
  'Upgrade', 'Verified', 'Visibility', 'VpnKey', 'Warning', 'Webhook', 'Widgets',
] as const;

export type BuiltInNavIcon = (typeof BUILT_IN_NAV_ICONS)[number];

/**
 * What `usePermissions()` returns inside the console: the signed-in actor (from `GET /api/auth/me`),
 * the selected tenant and the resolved nav (from `GET /api/nav`).
 */
export interface PlatformSession {
  user: {
    id: string;
    email: string | null;
    name: string | null;
    kind: 'staff' | 'tenant';
    tenantId: string | null;
    roles: string[];
  };
  permissions: string[];
  /** The tenant requests act in, or null at platform level. */
  tenant: { id: string; slug: string; name: string; status: string; [key: string]: unknown } | null;
  /** What the staff tenant switcher holds: a tenant id, or `*` for all tenants. */
  tenantSelection: string;
  nav: ResolvedNav;
}

export interface ResolvedNavItem {
  id: string;
  label: string;
  path: string;
  icon: string | null;
  order: number;
  plugin: string;
}

export interface ResolvedNav {
  sections: { id: string; label: string; items: ResolvedNavItem[] }[];
}

/** Same rule as the kernel: `*` grants everything and `flags.*` grants every `flags.<x>`. */
export function sessionCan(session: Pick<PlatformSession, 'permissions'> | null | undefined, permission: string): boolean {
  if (!session) return false;
  const perms = session.permissions;
  if (permission === 'authenticated') return true;
  if (perms.includes('*') || perms.includes(permission)) return true;
  const dot = permission.lastIndexOf('.');
  return dot > 0 && perms.includes(permission.slice(0, dot) + '.*');
}
