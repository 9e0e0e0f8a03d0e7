import Chip from '@mui/material/Chip';

const COLOR: Record<string, 'default' | 'success' | 'error' | 'info' | 'warning'> = {
  queued: 'default',
  sent: 'info',
  delivered: 'success',
  opened: 'success',
  complained: 'warning',
  failed: 'error',
  undelivered: 'error',
  bounced: 'error',
};

/** A message's delivery status, coloured by outcome. */
export function DeliveryStatusChip({ status }: { status: string }) {
  return <Chip size="small" label={status} color={COLOR[status] ?? 'default'} variant={status === 'queued' ? 'outlined' : 'filled'} />;
}
