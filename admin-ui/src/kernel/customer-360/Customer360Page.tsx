import { Suspense, type ComponentType } from 'react';
import { Title, useDataProvider, type DataProvider } from 'react-admin';
import { Link, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import type { ConsoleApi, Customer360PanelDefinition, Customer360PanelProps, DashboardWidgetSize } from '@platform/sdk/admin';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CardHeader from '@mui/material/CardHeader';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { PanelBoundary } from './PanelBoundary.tsx';

const SIZES: Record<DashboardWidgetSize, { xs: number; md: number; lg: number }> = {
  small: { xs: 12, md: 6, lg: 3 },
  medium: { xs: 12, md: 6, lg: 4 },
  large: { xs: 12, md: 12, lg: 6 },
  full: { xs: 12, md: 12, lg: 12 },
};

const PanelSkeleton = () => (
  <Box data-testid="panel-skeleton">
    <Skeleton width="60%" />
    <Skeleton variant="rounded" height={96} sx={{ mt: 1 }} />
  </Box>
);

interface TenantHeader {
  id: string;
  name: string;
  slug: string;
  status: string;
}

/**
 * Staff's customer 360 page of a tenant (`/customers/:tenantId`) or of one of its users
 * (`/customers/:tenantId/users/:userId`): every panel plugins contribute (`customer360Panels`), all mounted at once so
 * their requests run in parallel, each in its own card with a skeleton and an error state with a retry.
 */
export function Customer360Page({ panels }: { panels: (Customer360PanelDefinition & { plugin: string })[] }) {
  const { tenantId = '', userId = null } = useParams<{ tenantId: string; userId?: string }>();
  const dataProvider = useDataProvider<DataProvider & ConsoleApi>();
  const tenant = useQuery({ queryKey: ['customer-360', 'tenant', tenantId], queryFn: () => dataProvider.api<TenantHeader>(`/tenants/${tenantId}`) });
  const subject = userId ? 'user' : 'tenant';
  const shown = panels.filter((p) => (p.subject ?? 'tenant') === subject || p.subject === 'both');
  const props: Customer360PanelProps = { tenantId, userId: userId ?? null };
  const name = tenant.data?.name ?? tenantId;
  return (
    <Box sx={{ pt: 2 }} data-testid="customer-360">
      <Title title={`Customer 360: ${name}`} />
      <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 1.5, mb: 2, flexWrap: 'wrap' }}>
        <Typography variant="h5" component="h1">
          {userId ? 'User 360' : 'Customer 360'}: {tenant.isPending ? <Skeleton sx={{ display: 'inline-block' }} width={160} /> : name}
        </Typography>
        {tenant.data ? <Chip size="small" label={tenant.data.status} variant="outlined" /> : null}
        {userId ? (
          <Typography variant="body2">
            <Link to={`/customers/${tenantId}`}>Back to the tenant</Link>
          </Typography>
        ) : null}
      </Box>
      <Grid container spacing={2}>
        {shown.map((p) => {
          const Panel = p.component as ComponentType<Customer360PanelProps>;
          return (
            <Grid key={p.id} size={SIZES[p.size ?? 'medium'] ?? SIZES.medium}>
              <Card sx={{ height: '100%' }} component="section" aria-label={p.title} data-panel={p.id}>
                <CardHeader title={p.title} slotProps={{ title: { variant: 'subtitle1', fontWeight: 600 } }} sx={{ pb: 0 }} />
                <CardContent>
                  <PanelBoundary title={p.title}>
                    <Suspense fallback={<PanelSkeleton />}>
                      <Panel key={`${tenantId}:${userId ?? ''}`} {...props} />
                    </Suspense>
                  </PanelBoundary>
                </CardContent>
              </Card>
            </Grid>
          );
        })}
      </Grid>
    </Box>
  );
}

export default Customer360Page;
