import { useGetList } from 'react-admin';
import Box from '@mui/material/Box';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import type { FlagRecordView } from './flag-types.ts';

/** Dashboard widget: how many flags are on, off, killed, and how many rollouts are in flight. */
export function FlagsWidget() {
  const flags = useGetList<FlagRecordView>('feature-flags/flags', { pagination: { page: 1, perPage: 500 }, sort: { field: 'key', order: 'ASC' }, filter: { archived: false } });
  const rollouts = useGetList('feature-flags/rollouts', { pagination: { page: 1, perPage: 100 }, sort: { field: 'createdAt', order: 'DESC' }, filter: { status: 'active' } });
  if (flags.isPending) return <Skeleton variant="rounded" height={100} />;
  const all = flags.data ?? [];
  const figures = [
    { label: 'on', value: all.filter((f) => f.enabled).length },
    { label: 'off', value: all.filter((f) => !f.enabled && !f.killedAt).length },
    { label: 'killed', value: all.filter((f) => f.killedAt).length },
    { label: 'rolling out', value: rollouts.data?.length ?? 0 },
  ];
  return (
    <Box sx={{ display: 'flex', gap: 3 }}>
      {figures.map((f) => (
        <Box key={f.label}>
          <Typography variant="h5" component="p" sx={{ fontWeight: 700, color: f.label === 'killed' && f.value > 0 ? 'error.main' : undefined }}>
            {f.value}
          </Typography>
          <Typography variant="caption" color="text.secondary">
            {f.label}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}
