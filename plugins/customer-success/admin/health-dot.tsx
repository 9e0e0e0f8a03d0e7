import Box from '@mui/material/Box';
import Tooltip from '@mui/material/Tooltip';
import { BUCKET_CHOICES, type HealthBucket } from './health-api.ts';

/** A coloured dot for a health bucket, with the total in its tooltip. */
export function HealthDot({ bucket, total }: { bucket: HealthBucket; total?: number }) {
  const b = BUCKET_CHOICES.find((c) => c.id === bucket);
  return (
    <Tooltip title={`${b?.name ?? bucket}${total === undefined ? '' : ` (${total})`}`}>
      <Box component="span" aria-label={`health ${bucket}`} sx={{ display: 'inline-block', width: 10, height: 10, borderRadius: '50%', bgcolor: b?.color ?? 'grey.500', mr: 1, verticalAlign: 'middle' }} />
    </Tooltip>
  );
}

export const trendText = (delta: number | null) => (delta === null ? '—' : delta > 0 ? `▲ ${delta}` : delta < 0 ? `▼ ${-delta}` : '0');
