import { useState } from 'react';
import { Show, useNotify, useRecordContext, useRefresh, useResourceContext } from 'react-admin';
import { Link } from 'react-router-dom';
import { detailQueryOptions } from '@platform/sdk/admin';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CardHeader from '@mui/material/CardHeader';
import Chip from '@mui/material/Chip';
import Step from '@mui/material/Step';
import StepLabel from '@mui/material/StepLabel';
import Stepper from '@mui/material/Stepper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { durationText, STATUSES, useIncidentsApi, type IncidentDetail, type IncidentStatus } from './incidents-api.ts';
import { IncidentTimeline } from './incident-timeline.tsx';
import { PostmortemForm } from './postmortem-form.tsx';
import { useFollowIncidents } from './use-incident-changes.ts';

function StatusControl({ incident }: { incident: IncidentDetail }) {
  const api = useIncidentsApi();
  const notify = useNotify();
  const refresh = useRefresh();
  const [message, setMessage] = useState('');
  const move = async (status: IncidentStatus) => {
    try {
      await api(`/incidents/incidents/${incident.id}/status`, { method: 'POST', body: message.trim() ? { status, message } : { status } });
      setMessage('');
      refresh();
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    }
  };
  const current = STATUSES.indexOf(incident.status);
  return (
    <Box>
      <Stepper activeStep={current} alternativeLabel sx={{ mb: 2 }}>
        {STATUSES.map((s) => (
          <Step key={s} completed={STATUSES.indexOf(s) < current || incident.status === 'resolved'}>
            <StepLabel>{s}</StepLabel>
          </Step>
        ))}
      </Stepper>
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
        <TextField size="small" label="Status update message" value={message} onChange={(e) => setMessage(e.target.value)} sx={{ minWidth: 320 }} />
        {incident.status === 'resolved' ? (
          <Button onClick={() => move('investigating')}>Reopen</Button>
        ) : (
          STATUSES.filter((s) => s !== incident.status).map((s) => (
            <Button key={s} variant={s === 'resolved' ? 'contained' : 'outlined'} disabled={s === 'resolved' && incident.postmortemRequired && !incident.postmortemComplete} onClick={() => move(s)}>
              {s === 'resolved' ? 'Resolve' : `Mark ${s}`}
            </Button>
          ))
        )}
      </Box>
    </Box>
  );
}

function IncidentDetailView() {
  const incident = useRecordContext<IncidentDetail>();
  useFollowIncidents(useResourceContext() ?? 'incidents/incidents', incident?.id);
  if (!incident) return null;
  return (
    <Box sx={{ p: 2, display: 'grid', gap: 2 }}>
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
        <Chip color={incident.severity <= 2 ? 'error' : 'warning'} label={incident.severityLevel.label} />
        <Typography variant="h5">{incident.title}</Typography>
      </Box>
      <Typography variant="body2" color="text.secondary">
        {incident.severityLevel.criteria} · {incident.severityLevel.response} · declared by {incident.createdByLabel} {new Date(incident.startedAt).toLocaleString()} · duration {durationText(incident.durationMinutes)}
        {incident.resolvedByLabel ? ` · resolved by ${incident.resolvedByLabel}` : ''}
      </Typography>
      {incident.affectedSystems.length > 0 && <Box>{incident.affectedSystems.map((s) => <Chip key={s} size="small" label={s} sx={{ mr: 1 }} />)}</Box>}
      {incident.statusPageMessage && (
        <Alert severity="info">
          Status page{incident.publishToStatusPage ? '' : ' (not published)'}: {incident.statusPageMessage}
        </Alert>
      )}
      {incident.description && <Typography sx={{ whiteSpace: 'pre-wrap' }}>{incident.description}</Typography>}
      <Card variant="outlined">
        <CardHeader title="Status" />
        <CardContent>
          <StatusControl incident={incident} />
        </CardContent>
      </Card>
      <Card variant="outlined">
        <CardHeader title="Timeline" subheader="Append-only" />
        <CardContent>
          <IncidentTimeline incidentId={incident.id} entries={incident.timeline} />
        </CardContent>
      </Card>
      {incident.alerts.length > 0 && (
        <Card variant="outlined">
          <CardHeader title="Linked alerts" />
          <CardContent>
            {incident.alerts.map((a) => (
              <Typography key={a.alertId}>
                <Link to={`/alerts/active/${a.alertId}/show`}>{a.ruleName}</Link> ({a.severity}) {Object.entries(a.labels).map(([k, v]) => `${k}=${v}`).join(', ')}
              </Typography>
            ))}
          </CardContent>
        </Card>
      )}
      <Card variant="outlined">
        <CardHeader title="Postmortem" />
        <CardContent>
          <PostmortemForm key={incident.postmortem?.updatedAt ?? 'new'} incidentId={incident.id} postmortem={incident.postmortem} required={incident.postmortemRequired && !incident.postmortemComplete} />
        </CardContent>
      </Card>
    </Box>
  );
}

/** Its record is the detail (timeline, postmortem, alerts), never an incident row of the list. */
export const IncidentShow = () => (
  <Show queryOptions={detailQueryOptions}>
    <IncidentDetailView />
  </Show>
);
