import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardActionArea from '@mui/material/CardActionArea';
import CardContent from '@mui/material/CardContent';
import Typography from '@mui/material/Typography';
import { useNavigate } from 'react-router-dom';
import type { Overview } from './health-api-types.ts';
import { ago, formatMs, STATUS_COLOR } from './status-colors.ts';

/** One card per service, coloured by status; tenant monitors show their per-tenant tally. */
export const ServiceGrid = ({ overview }: { overview: Overview }) => {
  const navigate = useNavigate();
  const cards = [
    ...overview.services.map((s) => ({ id: s.monitorId, name: s.monitorName, status: s.checked ? s.status : 'not_checked', line: s.checked ? `${formatMs(s.responseTimeMs)} · ${ago(s.lastCheckedAt)}` : s.problem ?? 'not checked' })),
    ...overview.tenantMonitors.map((m) => {
      const worst = m.tally.unhealthy ? 'unhealthy' : m.tally.degraded ? 'degraded' : m.tally.unknown ? 'unknown' : m.configured ? 'healthy' : 'not_checked';
      return { id: m.id, name: m.name, status: worst, line: `${m.tally.healthy}/${m.configured} healthy${m.tally.unhealthy ? ` · ${m.tally.unhealthy} unhealthy` : ''}` };
    }),
  ];
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: 1.5 }}>
      {cards.map((c) => (
        <Card key={c.id} variant="outlined" sx={{ borderLeft: `6px solid ${STATUS_COLOR[c.status] ?? STATUS_COLOR.unknown}` }}>
          <CardActionArea onClick={() => navigate(`/health/services/${c.id}`)}>
            <CardContent sx={{ py: 1.5 }}>
              <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>
                {c.name}
              </Typography>
              <Typography variant="body2" sx={{ color: STATUS_COLOR[c.status], textTransform: 'capitalize' }}>
                {c.status.replace('_', ' ')}
              </Typography>
              <Typography variant="caption" color="text.secondary">
                {c.line}
              </Typography>
            </CardContent>
          </CardActionArea>
        </Card>
      ))}
    </Box>
  );
};
