import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import { STATUS_LABEL, type GdprRequest } from './gdpr-api.ts';

/** A request's status, and a red "Overdue" when its 30-day deadline passed while open. */
export function RequestStatus({ request }: { request: GdprRequest }) {
  const color = request.status === 'completed' ? 'success' : request.status === 'rejected' ? 'default' : request.status === 'verified' ? 'info' : 'warning';
  return (
    <Stack direction="row" spacing={0.5}>
      <Chip size="small" color={color} label={STATUS_LABEL[request.status]} />
      {request.overdue && <Chip size="small" color="error" label="Overdue" data-testid="gdpr-overdue" />}
    </Stack>
  );
}
