import Stack from '@mui/material/Stack';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';

export interface SegmentCount {
  encoding: 'GSM-7' | 'UCS-2';
  units: number;
  segments: number;
  perSegment: number;
  remaining: number;
}

/** The SMS segment counter: encoding, segments (what providers charge), characters left before the next one. */
export function SegmentCounter({ count }: { count: SegmentCount & { of?: 'preview' | 'source' } }) {
  return (
    <Stack direction="row" spacing={1} alignItems="center" data-testid="segment-counter">
      <Chip size="small" label={count.encoding} color={count.encoding === 'UCS-2' ? 'warning' : 'default'} />
      <Typography variant="body2">
        <b>{count.segments}</b> segment{count.segments === 1 ? '' : 's'} · {count.units} {count.encoding === 'GSM-7' ? 'characters' : 'code units'} · {count.remaining} left in this segment ({count.perSegment} per segment)
      </Typography>
      {count.of === 'source' && <Typography variant="caption" color="text.secondary">(of the source; the preview needs valid content)</Typography>}
      {count.encoding === 'UCS-2' && <Typography variant="caption" color="warning.main">A character outside GSM-7 makes every segment hold 70 (67) instead of 160 (153).</Typography>}
    </Stack>
  );
}
