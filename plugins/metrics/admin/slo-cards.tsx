import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { formatNumber, type SloStatus } from './metrics-api.ts';

const COLOR = { met: 'success', at_risk: 'warning', breached: 'error', no_data: 'default' } as const;
const LABEL = { met: 'Met', at_risk: 'At risk', breached: 'Breached', no_data: 'No traffic' } as const;

/** One card per SLO: SLI against target over its window, and the error budget left. */
export function SloCards({ slos }: { slos: SloStatus[] }) {
  if (slos.length === 0) return <Typography color="text.secondary">No SLOs defined.</Typography>;
  return (
    <Grid container spacing={2}>
      {slos.map((s) => {
        const remaining = s.errorBudget.remainingPct;
        return (
          <Grid key={s.id} size={{ xs: 12, sm: 6, md: 4 }}>
            <Card variant="outlined">
              <CardContent>
                <Typography variant="overline" color="text.secondary">
                  {s.name} · {s.windowDays}-day window
                </Typography>
                <Typography variant="h4">{s.sliPct === null ? '—' : `${s.sliPct.toFixed(2)}%`}</Typography>
                <Typography variant="body2" color="text.secondary">
                  target {s.targetPct}%{s.kind === 'latency' ? ` within ${s.thresholdMs} ms` : ' without 5xx'} · {s.total.toLocaleString()} requests
                </Typography>
                <Chip size="small" sx={{ mt: 1 }} color={COLOR[s.status]} label={LABEL[s.status]} />
                <Typography variant="caption" display="block" sx={{ mt: 1 }}>
                  Error budget left: {remaining === null ? '—' : `${formatNumber(Math.max(remaining, 0), 1)}%`} ({formatNumber(s.errorBudget.consumed, 0)} of {s.errorBudget.allowed < 10 ? s.errorBudget.allowed.toFixed(1) : formatNumber(s.errorBudget.allowed, 0)} bad requests allowed)
                </Typography>
                <LinearProgress variant="determinate" color={s.status === 'met' ? 'success' : s.status === 'at_risk' ? 'warning' : s.status === 'breached' ? 'error' : 'inherit'} value={Math.min(100, Math.max(0, remaining ?? 0))} />
              </CardContent>
            </Card>
          </Grid>
        );
      })}
    </Grid>
  );
}
