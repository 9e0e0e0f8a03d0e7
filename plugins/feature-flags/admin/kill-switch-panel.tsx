import { useState } from 'react';
import { Title, useDataProvider, useGetList, useNotify, useRefresh, type DataProvider } from 'react-admin';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import PowerSettingsNewIcon from '@mui/icons-material/PowerSettingsNew';
import type { ConsoleApi } from '@platform/sdk/admin';
import type { FlagRecordView } from './flag-types.ts';
import { ReasonDialog } from './reason-dialog.tsx';

function KillSwitchCard({ flag }: { flag: FlagRecordView }) {
  const [open, setOpen] = useState(false);
  const dataProvider = useDataProvider<DataProvider & ConsoleApi>();
  const notify = useNotify();
  const refresh = useRefresh();
  const killed = !!flag.killedAt;
  const act = async (reason: string) => {
    try {
      await dataProvider.api(`/feature-flags/flags/${flag.id}/${killed ? 'restore' : 'kill'}`, { method: 'POST', body: { reason } });
      notify(killed ? `${flag.key} restored` : `${flag.key} is off everywhere`, { type: killed ? 'success' : 'warning' });
      refresh();
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    }
  };
  return (
    <Card variant="outlined" sx={{ borderColor: 'error.main', borderWidth: 2, bgcolor: killed ? 'error.main' : 'background.paper', color: killed ? 'error.contrastText' : undefined }}>
      <CardContent>
        <Stack direction="row" justifyContent="space-between" alignItems="flex-start" spacing={2}>
          <Box>
            <Typography variant="subtitle1" sx={{ fontFamily: 'monospace', fontWeight: 700 }}>
              {flag.key}
            </Typography>
            <Typography variant="body2">{flag.name}</Typography>
            <Box sx={{ mt: 1 }}>
              {killed ? (
                <Typography variant="caption">
                  Killed {new Date(flag.killedAt!).toLocaleString()}: “{flag.killedReason}”
                </Typography>
              ) : (
                <Chip size="small" color={flag.enabled ? 'success' : 'default'} label={flag.enabled ? 'On' : 'Off'} />
              )}
            </Box>
          </Box>
          <Button
            variant="contained"
            color={killed ? 'inherit' : 'error'}
            startIcon={<PowerSettingsNewIcon />}
            onClick={() => setOpen(true)}
            sx={killed ? { color: 'error.main', bgcolor: 'error.contrastText' } : { fontWeight: 700 }}
          >
            {killed ? 'Restore' : 'Kill'}
          </Button>
        </Stack>
      </CardContent>
      <ReasonDialog
        open={open}
        danger={!killed}
        title={killed ? `Restore ${flag.key}?` : `Kill ${flag.key} everywhere?`}
        description={killed ? 'The flag is switched back on; a paused staged rollout stays paused until resumed.' : 'The flag turns off for every tenant and user within a second, on every instance.'}
        confirmLabel={killed ? 'Restore' : 'Kill now'}
        onClose={() => setOpen(false)}
        onConfirm={act}
      />
    </Card>
  );
}

/** The kill-switch panel, in red: critical flags (and any killed flag) with one-click kill and restore. */
export function KillSwitchPanel() {
  const marked = useGetList<FlagRecordView>('feature-flags/flags', { filter: { killSwitch: true }, pagination: { page: 1, perPage: 200 }, sort: { field: 'key', order: 'ASC' } });
  const killed = useGetList<FlagRecordView>('feature-flags/flags', { filter: { killed: true }, pagination: { page: 1, perPage: 200 }, sort: { field: 'key', order: 'ASC' } });
  const flags = [...new Map([...(killed.data ?? []), ...(marked.data ?? [])].map((f) => [f.id, f])).values()];
  return (
    <Box sx={{ p: 2 }}>
      <Title title="Kill switches" />
      <Alert severity="error" variant="filled" sx={{ mb: 2 }}>
        Kill switches turn a flag off for everyone at once. Each use is audited with its reason.
      </Alert>
      {marked.isPending || killed.isPending ? (
        <Skeleton variant="rounded" height={200} />
      ) : flags.length === 0 ? (
        <Typography color="text.secondary">No flag is marked as a kill switch. Mark critical flags in their editor.</Typography>
      ) : (
        <Grid container spacing={2}>
          {flags.map((flag) => (
            <Grid key={flag.id} size={{ xs: 12, md: 6, lg: 4 }}>
              <KillSwitchCard flag={flag} />
            </Grid>
          ))}
        </Grid>
      )}
    </Box>
  );
}
