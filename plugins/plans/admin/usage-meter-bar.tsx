import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import type { MeterUsage } from './plans-api.ts';

const colorOf = { unlimited: 'primary', ok: 'primary', near: 'warning', reached: 'error', over: 'error' } as const;

/** "45 / 50 seats" with a bar coloured by how close the meter is to its quota. */
export function UsageMeterBar({ usage }: { usage: MeterUsage }) {
  const value = usage.percent === null ? 0 : Math.min(100, usage.percent);
  return (
    <Box>
      <Box sx={{ display: 'flex', justifyContent: 'space-between' }}>
        <Typography variant="body2">{usage.label}</Typography>
        <Typography variant="body2" sx={{ fontVariantNumeric: 'tabular-nums' }}>
          {usage.used.toLocaleString()} {usage.limit === null ? '(unlimited)' : `/ ${usage.limit.toLocaleString()}`} {usage.unit ?? ''}
          {usage.limitType === 'soft' && usage.status === 'over' ? ' · over soft limit' : ''}
        </Typography>
      </Box>
      <LinearProgress variant={usage.limit === null ? 'indeterminate' : 'determinate'} value={value} color={colorOf[usage.status]} sx={{ height: 8, borderRadius: 4, mt: 0.5, ...(usage.limit === null ? { opacity: 0.25 } : {}) }} />
    </Box>
  );
}
