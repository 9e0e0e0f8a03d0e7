import { Title } from 'react-admin';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useHealthApi } from '../health-api.ts';
import type { Digest } from './digest-api.ts';
import { DigestSectionCard } from './digest-section-card.tsx';
import { DigestSubscriptionForm } from './digest-subscription-form.tsx';

/** The daily digest (staff): every section the installed plugins contribute, and the caller's email settings. */
export function DigestPage() {
  const api = useHealthApi();
  const sections = useQuery({ queryKey: ['customer-success', 'digest-sections'], queryFn: () => api<{ id: string; label: string }[]>('/customer-success/digest/sections') });
  const ids = sections.data?.map((s) => s.id).join(',');
  const digest = useQuery({
    queryKey: ['customer-success', 'digest', ids],
    enabled: !!ids,
    queryFn: () => api<Digest>(`/customer-success/digest?sections=${encodeURIComponent(ids!)}`),
  });
  return (
    <Box sx={{ p: 2 }}>
      <Title title="Daily digest" />
      <Typography variant="h5" component="h1" gutterBottom>
        Daily digest
      </Typography>
      {digest.data && (
        <Typography color="text.secondary" gutterBottom>
          The last 24 hours, since {new Date(digest.data.since).toLocaleString()}
        </Typography>
      )}
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '2fr 1fr' }, gap: 2, alignItems: 'start' }}>
        <Stack spacing={2}>
          {(sections.error || digest.error) && <Alert severity="error">{((sections.error ?? digest.error) as Error).message}</Alert>}
          {(sections.isLoading || digest.isLoading) && [0, 1, 2].map((i) => <Skeleton key={i} variant="rounded" height={96} />)}
          {digest.data?.sections.map((s) => <DigestSectionCard key={s.id} section={s} />)}
        </Stack>
        {sections.data && <DigestSubscriptionForm sections={sections.data} />}
      </Box>
    </Box>
  );
}
