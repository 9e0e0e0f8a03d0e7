import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Title, useNotify } from 'react-admin';
import { useCanCall } from '@platform/sdk/admin/use-can-call';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { errorText, useGdprApi, type GdprRequest } from './gdpr-api.ts';
import { RequestStatus } from './request-status.tsx';

/**
 * A tenant admin's "Privacy": request an export of the tenant's data (a confirmation link goes to their email, the
 * download link follows), and the past requests. Tenant routes only (`/gdpr/tenant-exports`).
 */
export function PrivacyPage() {
  const api = useGdprApi();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const { canCall: canRequest } = useCanCall('POST', '/gdpr/tenant-exports');
  const exports = useQuery({ queryKey: ['gdpr', 'tenant-exports'], queryFn: () => api<GdprRequest[]>('/gdpr/tenant-exports') });
  const request = async () => {
    try {
      await api('/gdpr/tenant-exports', { method: 'POST', body: {} });
      notify('Check your email: confirm the request with the link we sent', { type: 'success' });
      await queryClient.invalidateQueries({ queryKey: ['gdpr', 'tenant-exports'] });
    } catch (err) {
      notify(errorText(err), { type: 'error' });
    }
  };
  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      <Title title="Privacy" />
      <Card>
        <CardContent>
          <Typography variant="h6">Export your organization's data</Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            A zip with one JSON file per data category and a manifest. We email you a confirmation link first; once confirmed, a download link that works once, for 7 days.
          </Typography>
          {canRequest && <Button variant="contained" onClick={request} data-testid="privacy-request-export">Request an export</Button>}
        </CardContent>
      </Card>
      {exports.error && <Alert severity="error">{errorText(exports.error)}</Alert>}
      <Card>
        <Table size="small" data-testid="privacy-exports">
          <TableHead><TableRow><TableCell>Requested</TableCell><TableCell>Status</TableCell><TableCell>Download link until</TableCell><TableCell>Downloaded</TableCell></TableRow></TableHead>
          <TableBody>
            {exports.data?.length === 0 && (
              <TableRow><TableCell colSpan={4}><Typography color="text.secondary" variant="body2">No export requested yet.</Typography></TableCell></TableRow>
            )}
            {(exports.data ?? []).map((r) => (
              <TableRow key={r.id}>
                <TableCell>{r.createdAt.slice(0, 10)}</TableCell>
                <TableCell><RequestStatus request={r} /></TableCell>
                <TableCell>{r.downloadExpiresAt?.slice(0, 10) ?? '—'}</TableCell>
                <TableCell>{r.downloadedAt?.slice(0, 10) ?? '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Card>
    </Stack>
  );
}
