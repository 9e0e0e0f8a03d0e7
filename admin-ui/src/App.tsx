import { lazy, Suspense, type ComponentType } from 'react';
import { Admin, CustomRoutes, Resource, type LayoutProps } from 'react-admin';
import { BrowserRouter, Route } from 'react-router-dom';
import type { PlatformSession } from '@platform/sdk/admin';
import { authProvider } from './api/authProvider.ts';
import { dataProvider } from './api/dataProvider.ts';
import { createConsoleQueryClient } from './api/queryClient.ts';
import { i18nProvider } from './i18n.ts';
import { BootSkeleton } from './components/BootSkeleton.tsx';
import { kernelResources } from './kernel/resources.tsx';
import { LoginPage } from './login/LoginPage.tsx';
import { resourceInNav } from './nav/menuModel.ts';
import { lightTheme, darkTheme } from './theme.ts';
import { consoleContributions } from './plugins/consoleContributions.ts';

// Everything below is fetched after sign-in: layout, menu and icons, dashboard, every page, every plugin.
const ConsoleLayout = lazy(() => import('./layout/ConsoleLayout.tsx'));
const Dashboard = lazy(() => import('./dashboard/Dashboard.tsx'));
const NotFound = lazy(() => import('./components/NotFound.tsx'));
const Customer360Page = lazy(() => import('./kernel/customer-360/Customer360Page.tsx'));

const Layout = (props: LayoutProps) => (
  <Suspense fallback={<BootSkeleton />}>
    <ConsoleLayout {...props} />
  </Suspense>
);

/**
 * Resources and routes for the signed-in session. react-admin calls this again whenever the session
 * (permissions, tenant, nav) changes, e.g. after a tenant switch or a plugin being enabled.
 */
async function renderConsole(session: PlatformSession | undefined) {
  if (!session?.user) return null;
  const contributions = await consoleContributions(session);
  const withLayout = contributions.routes.filter((r) => !r.noLayout);
  const withoutLayout = contributions.routes.filter((r) => r.noLayout);
  return (
    <>
      {kernelResources
        .filter((r) => resourceInNav(session.nav, r.name))
        .map(({ name, ...props }) => (
          <Resource key={name} name={name} {...props} />
        ))}
      {contributions.resources.map(({ name, plugin, navItem, apiPath, ...props }) => (
        <Resource key={name} name={name} {...(props as object)} />
      ))}
      <CustomRoutes>
        {withLayout.map(({ path, component: Page }) => {
          const C = Page as ComponentType;
          return <Route key={path} path={path} element={<C />} />;
        })}
        {contributions.customer360Panels.length > 0 &&
          ['/customers/:tenantId', '/customers/:tenantId/users/:userId'].map((path) => (
            <Route key={path} path={path} element={<Customer360Page panels={contributions.customer360Panels} />} />
          ))}
      </CustomRoutes>
      <CustomRoutes noLayout>
        {withoutLayout.map(({ path, component: Page }) => {
          const C = Page as ComponentType;
          return <Route key={path} path={path} element={<C />} />;
        })}
      </CustomRoutes>
    </>
  );
}

const queryClient = createConsoleQueryClient();

/** Clean URLs (`/tenants/…`, not `/#/tenants/…`): the kernel serves index.html for unknown console paths. */
export const App = () => (
  <BrowserRouter>
    <Admin
      title="Platform console"
      dataProvider={dataProvider}
      queryClient={queryClient}
      authProvider={authProvider}
      i18nProvider={i18nProvider}
      loginPage={LoginPage}
      layout={Layout}
      dashboard={Dashboard}
      catchAll={NotFound}
      loading={BootSkeleton}
      theme={lightTheme}
      darkTheme={darkTheme}
      requireAuth
      disableTelemetry
    >
      {renderConsole}
    </Admin>
  </BrowserRouter>
);
