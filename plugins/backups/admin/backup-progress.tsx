import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { percentOf, rowsText } from './progress-text.ts';

/** A progress bar with rows done over total, determinate once the total is known. */
export function RunProgress({ done, total, finished, label }: { done: number; total: number; finished: boolean; label?: string }) {
  const percent = percentOf(done, total, finished);
  return (
    <Box sx={{ minWidth: 180 }} data-testid="backup-progress">
      <LinearProgress variant={total > 0 || finished ? 'determinate' : 'indeterminate'} value={percent} aria-label={label ?? 'progress'} />
      <Typography variant="caption" color="text.secondary">
        {label ? `${label}: ` : ''}{rowsText(done, total)} ({percent}%)
      </Typography>
    </Box>
  );
}
