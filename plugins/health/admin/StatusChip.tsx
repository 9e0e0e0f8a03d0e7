import Chip from '@mui/material/Chip';
import { STATUS_COLOR } from './status-colors.ts';

export const StatusChip = ({ status, label }: { status: string; label?: string }) => (
  <Chip size="small" label={label ?? status.replace(/_/g, ' ')} sx={{ bgcolor: STATUS_COLOR[status] ?? STATUS_COLOR.unknown, color: '#fff', fontWeight: 600, textTransform: 'capitalize' }} />
);
