import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardActionArea from '@mui/material/CardActionArea';
import CardContent from '@mui/material/CardContent';
import Typography from '@mui/material/Typography';
import { useNavigate } from 'react-router-dom';
import type { Overview } from './health-api-types.ts';
import { serviceCards } from './service-cards.ts';
import { sinceText, STATUS_COLOR, statusText } from './status-colors.ts';

/**
 * One card per service, the failing ones first, coloured by status: a failing one says its last error and
 * since when; tenant monitors show their per-tenant tally.
 */
export const ServiceGrid = ({ overview }: { overview: Overview }) => {
  const navigate = useNavigate();
  const cards = serviceCards(overview);
  if (cards.length === 0)
    return (
      <Typography variant="body2" color="text.secondary">
        No monitor is installed.
      </Typography>
    );
  return (
    <Box component="ul" aria-label="Services" sx={{ listStyle: 'none', p: 0, m: 0, display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))', gap: 1.5 }}>
      {cards.map((c) => (
        <Card component="li" key={c.id} variant="outlined" aria-label={c.name} sx={{ borderLeft: `6px solid ${STATUS_COLOR[c.status] ?? STATUS_COLOR.unknown}` }}>
          <CardActionArea onClick={() => navigate(`/health/services/${c.id}`)}>
            <CardContent sx={{ py: 1.5 }}>
              <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>
                {c.name}
              </Typography>
              <Typography variant="body2" sx={{ color: STATUS_COLOR[c.status], textTransform: 'capitalize' }}>
                {statusText(c.status)}
              </Typography>
              {c.lastError && (
                <Typography variant="body2" sx={{ wordBreak: 'break-word' }}>
                  {c.lastError}
                </Typography>
              )}
              {c.since && c.status !== 'healthy' && (
                <Typography variant="caption" display="block">
                  {sinceText(c.since)}
                </Typography>
              )}
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
