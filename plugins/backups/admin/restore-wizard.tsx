import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useGetList } from 'react-admin';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Step from '@mui/material/Step';
import StepLabel from '@mui/material/StepLabel';
import Stepper from '@mui/material/Stepper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { RunProgress } from './backup-progress.tsx';
import { errorText, useBackupsApi, type Backup, type DryRunReport, type Restore } from './backups-api.ts';
import { confirmationMatches, WIZARD_STEPS } from './progress-text.ts';

/**
 * Restore in four steps: choose replace (the backup's tenant) or clone (another tenant); a dry run that verifies every
 * part and reports per table what is deleted and inserted and any conflicts; the tenant's slug typed to confirm; the
 * restore itself with its progress (verifying, then restoring in one transaction).
 */
const NEW_TENANT = '__new__';

export function RestoreWizard({ backup, onClose }: { backup: Backup; onClose: () => void }) {
  const api = useBackupsApi();
  const tenants = useGetList('tenants', { pagination: { page: 1, perPage: 200 }, sort: { field: 'slug', order: 'ASC' } });
  const [step, setStep] = useState(0);
  const [mode, setMode] = useState<'replace' | 'clone'>('replace');
  const [targetId, setTargetId] = useState(backup.tenantId);
  const [report, setReport] = useState<DryRunReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [typed, setTyped] = useState('');
  const [restoreId, setRestoreId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // A clone into a tenant the clone creates: its slug and name.
  const [fresh, setFresh] = useState({ slug: '', name: '' });
  const isNew = mode === 'clone' && targetId === NEW_TENANT;
  const targetBody = isNew ? { newTenant: fresh } : { targetTenantId: targetId };
  const target = tenants.data?.find((t) => t.id === targetId);
  const restore = useQuery({
    queryKey: ['backups', 'restore', restoreId],
    queryFn: () => api<Restore>(`/backups/restores/${restoreId}`),
    enabled: restoreId !== null,
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'completed' || q.state.data.status === 'failed') ? false : 500),
  });

  const dryRun = async () => {
    setBusy(true);
    setError(null);
    try {
      setReport(await api<DryRunReport>(`/backups/backups/${backup.id}/restore/dry-run`, { method: 'POST', body: { mode, ...targetBody } }));
      setStep(2);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await api<Restore>(`/backups/backups/${backup.id}/restore`, { method: 'POST', body: { mode, ...targetBody, confirm: typed } });
      setRestoreId(r.id);
      setStep(3);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const r = restore.data;

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="md">
      <DialogTitle>Restore backup of {backup.createdAt.slice(0, 16).replace('T', ' ')}</DialogTitle>
      <DialogContent>
        <Stepper activeStep={step} sx={{ mb: 2 }}>
          {WIZARD_STEPS.map((label) => (
            <Step key={label}><StepLabel>{label}</StepLabel></Step>
          ))}
        </Stepper>
        {error && <Alert severity="error" sx={{ mb: 2 }}>{error}</Alert>}
        {step <= 1 && (
          <Stack spacing={2}>
            <TextField select label="Mode" value={mode} onChange={(e) => { const m = e.target.value as 'replace' | 'clone'; setMode(m); if (m === 'replace') setTargetId(backup.tenantId); }}>
              <MenuItem value="replace">Replace the tenant's data (same tenant)</MenuItem>
              <MenuItem value="clone">Clone into another tenant</MenuItem>
            </TextField>
            {mode === 'clone' && (
              <TextField select label="Target tenant" value={targetId} onChange={(e) => setTargetId(e.target.value)}>
                <MenuItem value={NEW_TENANT}>A new tenant (created by the clone)</MenuItem>
                {(tenants.data ?? []).filter((t) => t.id !== backup.tenantId).map((t) => (
                  <MenuItem key={t.id} value={t.id}>{t.name} ({t.slug})</MenuItem>
                ))}
              </TextField>
            )}
            {isNew && (
              <Stack direction="row" spacing={2}>
                <TextField label="New tenant's slug" value={fresh.slug} onChange={(e) => setFresh({ ...fresh, slug: e.target.value.toLowerCase() })} inputProps={{ 'data-testid': 'restore-new-slug' }} />
                <TextField label="New tenant's name" value={fresh.name} onChange={(e) => setFresh({ ...fresh, name: e.target.value })} inputProps={{ 'data-testid': 'restore-new-name' }} />
              </Stack>
            )}
            <Typography variant="body2" color="text.secondary">The dry run reads and verifies every part of the backup and writes nothing.</Typography>
          </Stack>
        )}
        {step === 2 && report && (
          <Stack spacing={2}>
            <Alert severity={report.totals.conflicts > 0 ? 'warning' : 'success'}>
              Verified {report.verified.parts} parts ({report.verified.rows.toLocaleString('en')} rows). Restoring into <b>{report.targetTenant.slug}</b> deletes {report.totals.rowsToDelete.toLocaleString('en')} rows and inserts {report.totals.rowsToInsert.toLocaleString('en')}; {report.totals.conflicts} conflicts.
            </Alert>
            {Object.keys(report.newerHere).length > 0 && (
              <Alert severity="info">Migrations applied since the backup: {Object.entries(report.newerHere).map(([o, m]) => `${o}: ${m.join(', ')}`).join('; ')}. Columns they added take their defaults.</Alert>
            )}
            <Table size="small">
              <TableHead>
                <TableRow><TableCell>Plugin</TableCell><TableCell>Table</TableCell><TableCell>Action</TableCell><TableCell align="right">In backup</TableCell><TableCell align="right">Now</TableCell><TableCell align="right">Conflicts</TableCell></TableRow>
              </TableHead>
              <TableBody>
                {report.tables.map((t) => (
                  <TableRow key={t.table}>
                    <TableCell>{t.plugin}</TableCell><TableCell>{t.table}</TableCell><TableCell>{t.action}</TableCell>
                    <TableCell align="right">{t.rowsInBackup}</TableCell><TableCell align="right">{t.rowsNow}</TableCell><TableCell align="right">{t.conflicts}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <TextField
              label={`Type ${report.targetTenant.slug} to confirm`}
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              error={typed !== '' && !confirmationMatches(typed, report.targetTenant.slug)}
              inputProps={{ 'data-testid': 'restore-confirm' }}
            />
          </Stack>
        )}
        {step === 3 && (
          <Stack spacing={2}>
            {r && <RunProgress done={r.rowsDone} total={r.rowsTotal} finished={r.status === 'completed'} label={r.status} />}
            {r?.status === 'completed' && <Alert severity="success">Restored: {r.rowsDeleted.toLocaleString('en')} rows deleted, {r.rowsInserted.toLocaleString('en')} inserted.</Alert>}
            {r?.status === 'failed' && <Alert severity="error">Restore refused, nothing was written: {r.error}{r.failedPart ? ` (part ${r.failedPart})` : ''}</Alert>}
          </Stack>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{step === 3 ? 'Close' : 'Cancel'}</Button>
        {step <= 1 && <Button variant="contained" disabled={busy || (isNew ? !fresh.slug || !fresh.name : !target)} onClick={() => { setStep(1); void dryRun(); }}>Run dry run</Button>}
        {step === 2 && report && (
          <Button variant="contained" color="warning" disabled={busy || report.totals.conflicts > 0 || !confirmationMatches(typed, report.targetTenant.slug)} onClick={start}>Restore</Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
