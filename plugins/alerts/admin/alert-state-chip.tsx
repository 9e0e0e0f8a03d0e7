import Chip from '@mui/material/Chip';
import type { AlertRow } from './alerts-api.ts';

const COLOR = { firing: 'error', pending: 'warning', error: 'error', no_data: 'default', resolved: 'success', normal: 'default' } as const;

export function AlertStateChip({ alert }: { alert: Pick<AlertRow, 'state' | 'mutedReason' | 'acknowledgement'> }) {
  const label = alert.acknowledgement ? `${alert.state} · acked` : alert.mutedReason ? `${alert.state} · muted` : alert.state;
  return <Chip size="small" color={COLOR[alert.state]} variant={alert.acknowledgement || alert.mutedReason ? 'outlined' : 'filled'} label={label} title={alert.mutedReason ?? undefined} />;
}
