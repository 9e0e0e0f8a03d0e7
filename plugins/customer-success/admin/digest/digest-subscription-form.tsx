import { useEffect, useState } from 'react';
import { useNotify } from 'react-admin';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useHealthApi } from '../health-api.ts';
import type { DigestSubscription } from './digest-api.ts';

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** The caller's digest email: on or off, the address, the time zone (sent at 09:00 there) and the sections. */
export function DigestSubscriptionForm({ sections }: { sections: { id: string; label: string }[] }) {
  const api = useHealthApi();
  const notify = useNotify();
  const client = useQueryClient();
  const current = useQuery({ queryKey: ['customer-success', 'digest-subscription'], queryFn: () => api<DigestSubscription>('/customer-success/digest/subscription') });
  const [enabled, setEnabled] = useState(false);
  const [email, setEmail] = useState('');
  const [timeZone, setTimeZone] = useState('UTC');
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [fieldError, setFieldError] = useState<{ field: string; detail: string } | null>(null);
  useEffect(() => {
    if (!current.data) return;
    setEnabled(current.data.enabled);
    setEmail(current.data.email);
    setTimeZone(current.data.enabled || current.data.timeZone !== 'UTC' ? current.data.timeZone : browserZone());
    setChosen(current.data.sections);
  }, [current.data]);

  const save = useMutation({
    mutationFn: () => api<DigestSubscription>('/customer-success/digest/subscription', { method: 'PUT', body: { enabled, timeZone, sections: chosen, ...(email ? { email } : {}) } }),
    onSuccess: () => {
      setFieldError(null);
      notify('Digest settings saved', { type: 'success' });
      void client.invalidateQueries({ queryKey: ['customer-success'] });
    },
    onError: (err: any) => {
      const field = err?.body?.field ?? err?.body?.errors?.[0]?.field ?? null;
      setFieldError(field ? { field, detail: err?.body?.detail ?? err.message } : null);
      notify(err?.body?.detail ?? err.message, { type: 'error' });
    },
  });

  const toggle = (id: string) => {
    const all = sections.map((s) => s.id);
    const now = chosen ?? all;
    const next = now.includes(id) ? now.filter((x) => x !== id) : [...now, id];
    setChosen(next.length === all.length && all.every((x) => next.includes(x)) ? null : next);
  };
  const errorOf = (field: string) => (fieldError?.field === field ? fieldError.detail : undefined);

  return (
    <Card variant="outlined" data-testid="digest-subscription">
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          My digest email
        </Typography>
        <Stack spacing={2}>
          <FormControlLabel control={<Switch checked={enabled} onChange={(e) => setEnabled(e.target.checked)} inputProps={{ 'aria-label': 'Email me the digest' }} />} label="Email me the digest every day at 09:00" />
          <TextField label="Address" size="small" value={email} onChange={(e) => setEmail(e.target.value)} error={!!errorOf('email')} helperText={errorOf('email')} />
          <TextField label="Time zone" size="small" value={timeZone} onChange={(e) => setTimeZone(e.target.value)} error={!!errorOf('timeZone')} helperText={errorOf('timeZone') ?? 'IANA name, e.g. Europe/Paris'} />
          <FormGroup>
            {sections.map((s) => (
              <FormControlLabel key={s.id} control={<Checkbox size="small" checked={chosen === null || chosen.includes(s.id)} onChange={() => toggle(s.id)} />} label={s.label} />
            ))}
          </FormGroup>
          <div>
            <Button variant="contained" onClick={() => save.mutate()} disabled={save.isPending || current.isLoading}>
              Save
            </Button>
          </div>
        </Stack>
      </CardContent>
    </Card>
  );
}
