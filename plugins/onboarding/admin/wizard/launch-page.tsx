import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { errorText, useWizardApi, WIZARD_API, type ChecklistItem, type SessionView } from './wizard-api.ts';

function StateChip({ item }: { item: ChecklistItem }) {
  if (item.state === 'skipped') return <Chip size="small" label="Skipped" />;
  if (item.state === 'todo') return <Chip size="small" color="warning" label="To do" />;
  return item.ok ? <Chip size="small" color="success" label="Verified" /> : <Chip size="small" color={item.blocking ? 'error' : 'warning'} label="Check failed" />;
}

/** Step 7: each step verified now by the server (skipped ones shown as skipped), then go live. */
export function LaunchPage({ session, onLaunched }: { session: SessionView; onLaunched: () => Promise<void> }) {
  const api = useWizardApi();
  const checklist = useQuery({ queryKey: ['onboarding', 'checklist', session.id, session.completedSteps.length, session.skippedSteps.length], queryFn: () => api<{ ready: boolean; items: ChecklistItem[] }>(`${WIZARD_API}/checklist`) });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [welcome, setWelcome] = useState<string | null>(null);
  const launch = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ welcomeEmail: { status: string; to: string | null } }>(`${WIZARD_API}/launch`, { method: 'POST', body: {} });
      setWelcome(r.welcomeEmail.status === 'sent' || r.welcomeEmail.status === 'queued' ? `A welcome email is on its way to ${r.welcomeEmail.to}.` : 'The welcome email could not be sent.');
      await onLaunched();
    } catch (err) {
      setError(errorText(err));
      await checklist.refetch();
    } finally {
      setBusy(false);
    }
  };
  const live = session.status === 'completed';
  return (
    <Stack spacing={2} data-testid="wizard-launch-page">
      <div>
        <Typography variant="h5">Review and launch</Typography>
        <Typography color="text.secondary">Each step is checked again before you go live.</Typography>
      </div>
      {error && <Alert severity="error" data-testid="wizard-step-error">{error}</Alert>}
      <Table size="small" data-testid="launch-checklist">
        <TableBody>
          {(checklist.data?.items ?? []).map((item) => (
            <TableRow key={item.id} data-testid={`checklist-${item.id}`}>
              <TableCell>{item.title}</TableCell>
              <TableCell><StateChip item={item} /></TableCell>
              <TableCell>{item.detail}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {live ? (
        <Alert severity="success" data-testid="wizard-live">Your brand is live{session.completedAt ? ` since ${new Date(session.completedAt).toLocaleString()}` : ''}. {welcome}</Alert>
      ) : (
        <Button variant="contained" size="large" onClick={() => void launch()} disabled={busy || !checklist.data?.ready} data-testid="wizard-launch" sx={{ alignSelf: 'flex-start' }}>Go live</Button>
      )}
    </Stack>
  );
}
