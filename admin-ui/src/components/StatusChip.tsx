import Chip, { type ChipProps } from '@mui/material/Chip';

const COLORS: Record<string, ChipProps['color']> = {
  active: 'success',
  succeeded: 'success',
  enabled: 'success',
  provisioning: 'info',
  running: 'info',
  suspended: 'warning',
  disabled: 'default',
  revoked: 'default',
  expired: 'default',
  deleted: 'error',
  failed: 'error',
  dead: 'error',
};

/** A coloured status pill (tenant, user, job run, API key...). */
export const StatusChip = ({ status, label }: { status: string | null | undefined; label?: string }) => {
  if (!status) return <Chip label="—" variant="outlined" />;
  return <Chip label={label ?? status} color={COLORS[status] ?? 'default'} variant={COLORS[status] ? 'filled' : 'outlined'} sx={{ textTransform: 'capitalize' }} />;
};
