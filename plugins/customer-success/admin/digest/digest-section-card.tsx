import { Link } from 'react-admin';
import Alert from '@mui/material/Alert';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { STATUS_COLORS, customerPath, type DigestSection } from './digest-api.ts';

/** One digest section: its status, summary and lines; a tenant line links to that tenant's 360 page. */
export function DigestSectionCard({ section }: { section: DigestSection }) {
  return (
    <Card variant="outlined" data-testid={`digest-section-${section.id}`}>
      <CardContent>
        <Stack direction="row" spacing={1} alignItems="center" sx={{ mb: 1 }}>
          <Typography variant="h6" component="h2" sx={{ flex: 1 }}>
            {section.label}
          </Typography>
          <Chip size="small" label={section.status} color={STATUS_COLORS[section.status]} />
        </Stack>
        {section.error ? <Alert severity="warning">This section could not be computed: {section.error}</Alert> : <Typography>{section.summary}</Typography>}
        {section.items.length > 0 && (
          <List dense>
            {section.items.map((item, i) => (
              <ListItem key={`${item.label}-${i}`} disableGutters>
                <ListItemText
                  primary={item.tenantId ? <Link to={customerPath(item.tenantId)}>{item.label}</Link> : item.label}
                  secondary={[item.value, item.detail].filter(Boolean).join(' · ') || undefined}
                />
              </ListItem>
            ))}
          </List>
        )}
      </CardContent>
    </Card>
  );
}
