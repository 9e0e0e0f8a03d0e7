import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import type { SlaTimer } from './support-api.ts';

function durationText(minutes: number): string {
  const m = Math.abs(minutes);
  if (m < 60) return `${m} min`;
  if (m < 48 * 60) return `${Math.floor(m / 60)} h ${m % 60 ? `${m % 60} min` : ''}`.trim();
  return `${Math.floor(m / 1440)} d`;
}

/** One SLA timer: met (green), paused (waiting on the customer), running (time left; amber under an hour), breached (red). */
export function SlaTimerChip({ label, timer }: { label: string; timer: SlaTimer }) {
  const due = new Date(timer.dueAt).toLocaleString();
  if (timer.metAt)
    return (
      <Tooltip title={`${label} due ${due}, met ${new Date(timer.metAt).toLocaleString()}`}>
        <Chip size="small" variant="outlined" color={timer.breached ? 'error' : 'success'} label={`${label}: ${timer.breached ? 'met late' : 'met'}`} data-testid={`sla-${label}`} />
      </Tooltip>
    );
  const left = timer.remainingMinutes ?? 0;
  if (timer.paused && !timer.breached)
    return (
      <Tooltip title={`${label} paused while waiting on the customer; ${durationText(left)} left when it resumes`}>
        <Chip size="small" variant="outlined" label={`${label}: paused, ${durationText(left)} left`} data-testid={`sla-${label}`} />
      </Tooltip>
    );
  return (
    <Tooltip title={`${label} due ${due}`}>
      <Chip
        size="small"
        color={timer.breached ? 'error' : left < 60 ? 'warning' : 'default'}
        label={timer.breached ? `${label}: breached ${durationText(left)} ago` : `${label}: ${durationText(left)} left`}
        data-testid={`sla-${label}`}
      />
    </Tooltip>
  );
}

/** Both timers of a ticket. */
export function SlaBadges({ sla }: { sla: { firstResponse: SlaTimer; resolution: SlaTimer } | undefined }) {
  if (!sla) return null;
  return (
    <Stack direction="row" spacing={0.5} flexWrap="wrap" useFlexGap>
      <SlaTimerChip label="Response" timer={sla.firstResponse} />
      <SlaTimerChip label="Resolution" timer={sla.resolution} />
    </Stack>
  );
}

const STATUS_COLORS: Record<string, 'default' | 'primary' | 'warning' | 'success' | 'info'> = { open: 'primary', pending: 'warning', on_hold: 'info', solved: 'success', closed: 'default' };
const PRIORITY_COLORS: Record<string, 'default' | 'error' | 'warning' | 'info'> = { urgent: 'error', high: 'warning', normal: 'info', low: 'default' };

export function StatusChip({ status }: { status: string }) {
  return <Chip size="small" color={STATUS_COLORS[status] ?? 'default'} label={status.replace('_', ' ')} />;
}

export function PriorityChip({ priority }: { priority: string }) {
  return <Chip size="small" variant="outlined" color={PRIORITY_COLORS[priority] ?? 'default'} label={priority} />;
}
