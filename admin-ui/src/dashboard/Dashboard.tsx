import { Component, Suspense, useEffect, useState, type ComponentType, type ErrorInfo, type ReactNode } from 'react';
import { Title } from 'react-admin';
import { Link } from 'react-router-dom';
import type { DashboardWidgetProps, DashboardWidgetSize, PlatformSession } from '@platform/sdk/admin';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CardHeader from '@mui/material/CardHeader';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import WidgetsOutlinedIcon from '@mui/icons-material/WidgetsOutlined';
import { EmptyState } from '../components/EmptyState.tsx';
import { useSession } from '../layout/useSession.ts';
import { navPaths } from '../nav/menuModel.ts';
import { consoleContributions, pluginLoadFailures } from '../plugins/consoleContributions.ts';
import type { ConsoleContributions } from '../plugins/contributions.ts';
import type { LoadFailure } from '../plugins/registry.ts';

const SIZES: Record<DashboardWidgetSize, { xs: number; md: number; lg: number }> = {
  small: { xs: 12, md: 6, lg: 3 },
  medium: { xs: 12, md: 6, lg: 4 },
  large: { xs: 12, md: 12, lg: 6 },
  full: { xs: 12, md: 12, lg: 12 },
};

class WidgetBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('[console] dashboard widget failed', error, info.componentStack);
  }
  render() {
    return this.state.error ? <Alert severity="warning">This widget failed to render: {this.state.error.message}</Alert> : this.props.children;
  }
}

function useWidgets(session: PlatformSession | undefined) {
  const [state, setState] = useState<{ widgets: ConsoleContributions['widgets']; failures: LoadFailure[]; loading: boolean }>({
    widgets: [],
    failures: [],
    loading: true,
  });
  useEffect(() => {
    if (!session) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    consoleContributions(session).then(
      (c) => live && setState({ widgets: c.widgets, failures: pluginLoadFailures(), loading: false }),
      () => live && setState({ widgets: [], failures: pluginLoadFailures(), loading: false }),
    );
    return () => {
      live = false;
    };
  }, [session]);
  return state;
}

const WidgetSkeleton = () => (
  <Card>
    <CardHeader title={<Skeleton width="50%" />} />
    <CardContent>
      <Skeleton variant="rounded" height={120} />
    </CardContent>
  </Card>
);

/** A grid of the widgets enabled plugins contribute (`dashboardWidgets`), or an empty state. */
const Dashboard = () => {
  const { session } = useSession();
  const { widgets, failures, loading } = useWidgets(session);
  const tenantId = session?.tenant?.id ?? null;
  const widgetProps: DashboardWidgetProps = { tenantId };
  const pluginsPage = navPaths(session?.nav).has('/plugins');
  // A tenant user's home is about their tenant: its name on top, and only widgets meant for tenants.
  const tenantHome = session?.user.kind === 'tenant';

  return (
    <Box sx={{ pt: 2 }}>
      <Title title={tenantHome && session?.tenant ? session.tenant.name : 'Dashboard'} />
      {tenantHome ? (
        <Box sx={{ mb: 2 }}>
          <Typography variant="h5" component="h1">
            {session?.tenant?.name ?? 'Your tenant'}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {session?.user.name ? `Welcome, ${session.user.name}. ` : ''}Your plan, your services, incidents that affect you and your flags.
          </Typography>
        </Box>
      ) : (
        <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 1.5, mb: 2, flexWrap: 'wrap' }}>
          <Typography variant="h5" component="h1">
            {session?.user.name ? `Welcome, ${session.user.name}` : 'Dashboard'}
          </Typography>
          <Chip label={session?.tenant ? session.tenant.name : 'All tenants'} variant="outlined" />
        </Box>
      )}
      {failures.map((f) => (
        <Alert key={f.folder} severity="warning" sx={{ mb: 2 }}>
          The console part of plugin “{f.folder}” could not be loaded: {f.message}
        </Alert>
      ))}
      {loading ? (
        <Grid container spacing={2}>
          {[0, 1, 2].map((i) => (
            <Grid key={i} size={SIZES.medium}>
              <WidgetSkeleton />
            </Grid>
          ))}
        </Grid>
      ) : widgets.length === 0 ? (
        <Card>
          <EmptyState
            icon={<WidgetsOutlinedIcon />}
            title="No dashboard widgets yet"
            description={
              tenantHome
                ? 'Nothing to show for your tenant yet: the platform has not enabled any capability with a dashboard for you.'
                : session?.tenant
                ? 'Plugins enabled for this tenant add their widgets here. Enable a plugin with dashboard widgets to see them.'
                : 'Plugins add their widgets here. Select a tenant or enable a plugin with dashboard widgets to see them.'
            }
            action={
              pluginsPage && !tenantHome ? (
                <Button component={Link} to="/plugins" variant="outlined">
                  Browse plugins
                </Button>
              ) : undefined
            }
          />
        </Card>
      ) : (
        <Grid container spacing={2}>
          {widgets.map((w) => {
            const Widget = w.component as ComponentType<DashboardWidgetProps>;
            return (
              <Grid key={w.id} size={SIZES[w.size ?? 'medium'] ?? SIZES.medium}>
                <Card sx={{ height: '100%' }} component="section" aria-label={w.title}>
                  <CardHeader title={w.title} slotProps={{ title: { variant: 'subtitle1', fontWeight: 600 } }} sx={{ pb: 0 }} />
                  <CardContent>
                    <WidgetBoundary>
                      <Suspense fallback={<Skeleton variant="rounded" height={120} />}>
                        <Widget {...widgetProps} />
                      </Suspense>
                    </WidgetBoundary>
                  </CardContent>
                </Card>
              </Grid>
            );
          })}
        </Grid>
      )}
    </Box>
  );
};

export default Dashboard;
