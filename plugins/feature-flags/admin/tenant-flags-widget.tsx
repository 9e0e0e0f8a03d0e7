import { useQuery } from '@tanstack/react-query';
import { Link as RouterLink } from 'react-router-dom';
import { useDataProvider, type DataProvider } from 'react-admin';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import type { ConsoleApi } from '@platform/sdk/admin';
import type { FlagEvaluationView } from './flag-types.ts';

const SHOWN = 8;

/**
 * A tenant user's dashboard: each live flag as it is for their tenant (overrides and targeting applied),
 * from the "evaluate as" tester, which answers for the caller's own tenant and does not count as use.
 */
export function TenantFlagsWidget() {
  const dataProvider = useDataProvider<DataProvider & ConsoleApi>();
  const answer = useQuery({
    queryKey: ['feature-flags', 'tenant-flags'],
    queryFn: () => dataProvider.api<{ results: Record<string, FlagEvaluationView> }>('/feature-flags/evaluate-as', { method: 'POST', body: {} }),
    staleTime: 30_000,
  });
  if (answer.isPending) return <Skeleton variant="rounded" height={100} />;
  if (answer.error) return <Typography color="error">{(answer.error as Error).message}</Typography>;
  // What is set for this tenant in particular (its overrides) first, then the flags on for it.
  const own = (f: FlagEvaluationView) => Number(f.rule === 'tenant_override' || f.rule === 'user_override');
  const flags = Object.values(answer.data!.results).sort((a, b) => own(b) - own(a) || Number(b.enabled) - Number(a.enabled) || a.key.localeCompare(b.key));
  const on = flags.filter((f) => f.enabled).length;
  return (
    <Box sx={{ display: 'grid', gap: 1 }}>
      <Typography variant="body2" color="text.secondary">
        {on} of {flags.length} flags on for you
      </Typography>
      {flags.slice(0, SHOWN).map((f) => (
        <Box key={f.key} sx={{ display: 'flex', justifyContent: 'space-between', gap: 1 }}>
          <Typography variant="body2" sx={{ fontFamily: 'monospace' }}>
            {f.key}
            {own(f) ? <Typography component="span" variant="caption" color="text.secondary"> · set for you</Typography> : null}
          </Typography>
          <Chip size="small" color={f.enabled ? 'success' : 'default'} label={typeof f.value === 'boolean' ? (f.value ? 'on' : 'off') : JSON.stringify(f.value)} />
        </Box>
      ))}
      <Link component={RouterLink} to="/feature-flags/flags" variant="body2">All flags</Link>
    </Box>
  );
}
