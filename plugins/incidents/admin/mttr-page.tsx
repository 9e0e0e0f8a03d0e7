import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Title } from 'react-admin';
import Alert from '@mui/material/Alert';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CardHeader from '@mui/material/CardHeader';
import Grid from '@mui/material/Grid';
import MenuItem from '@mui/material/MenuItem';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { durationText, useIncidentsApi } from './incidents-api.ts';

interface MttrAnswer {
  bySeverity: { severity: number; resolved: number; mttrMinutes: number | null }[];
  weeks: { weekStart: string; incidents: number; resolved: number; mttrMinutes: number | null; bySeverity: Record<string, number | null> }[];
  postmortems: { sev12Resolved: number; withPostmortem: number };
}

const COLORS = { sev1: '#b91c1c', sev2: '#ef4444', sev3: '#f59e0b', sev4: '#64748b' };

/** MTTR by severity, its weekly trend, incident frequency and postmortem completion of SEV1-2. */
export function MttrPage() {
  const api = useIncidentsApi();
  const [weeks, setWeeks] = useState(12);
  const mttr = useQuery({ queryKey: ['incidents', 'mttr', weeks], queryFn: () => api<MttrAnswer>(`/incidents/stats/mttr?weeks=${weeks}`) });
  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      <Title title="Incident MTTR" />
      <TextField select size="small" label="Range" value={weeks} onChange={(e) => setWeeks(Number(e.target.value))} sx={{ width: 160 }}>
        {[4, 12, 26, 52].map((w) => (
          <MenuItem key={w} value={w}>{w} weeks</MenuItem>
        ))}
      </TextField>
      {mttr.isPending ? (
        <Skeleton variant="rounded" height={320} />
      ) : mttr.error ? (
        <Alert severity="error">{(mttr.error as Error).message}</Alert>
      ) : (
        <>
          <Grid container spacing={2}>
            {mttr.data.bySeverity.map((s) => (
              <Grid key={s.severity} size={{ xs: 6, md: 2.4 }}>
                <Card variant="outlined">
                  <CardContent>
                    <Typography variant="overline">SEV{s.severity} MTTR</Typography>
                    <Typography variant="h5">{durationText(s.mttrMinutes)}</Typography>
                    <Typography variant="caption">{s.resolved} resolved</Typography>
                  </CardContent>
                </Card>
              </Grid>
            ))}
            <Grid size={{ xs: 6, md: 2.4 }}>
              <Card variant="outlined">
                <CardContent>
                  <Typography variant="overline">SEV1-2 postmortems</Typography>
                  <Typography variant="h5">
                    {mttr.data.postmortems.withPostmortem} / {mttr.data.postmortems.sev12Resolved}
                  </Typography>
                  <Typography variant="caption">target: all of them</Typography>
                </CardContent>
              </Card>
            </Grid>
          </Grid>
          <Card variant="outlined">
            <CardHeader title="MTTR per week (minutes) and incidents started" />
            <CardContent sx={{ height: 340 }}>
              <ResponsiveContainer>
                <ComposedChart data={mttr.data.weeks.map((w) => ({ ...w, ...w.bySeverity }))}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} />
                  <XAxis dataKey="weekStart" fontSize={12} />
                  <YAxis yAxisId="minutes" fontSize={12} width={56} />
                  <YAxis yAxisId="count" orientation="right" allowDecimals={false} fontSize={12} width={32} />
                  <Tooltip />
                  <Legend />
                  <Bar yAxisId="count" dataKey="incidents" name="Incidents started" fill="#cbd5e1" isAnimationActive={false} />
                  <Line yAxisId="minutes" dataKey="mttrMinutes" name="MTTR (all)" stroke="#6366f1" strokeWidth={2} connectNulls isAnimationActive={false} />
                  {(Object.keys(COLORS) as (keyof typeof COLORS)[]).map((k) => (
                    <Line key={k} yAxisId="minutes" dataKey={k} name={`MTTR ${k.toUpperCase()}`} stroke={COLORS[k]} dot strokeDasharray="4 2" connectNulls isAnimationActive={false} />
                  ))}
                </ComposedChart>
              </ResponsiveContainer>
            </CardContent>
          </Card>
        </>
      )}
    </Stack>
  );
}
