import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import type { OnboardingStepPageProps } from '@platform/sdk/admin/onboarding-step-pages';
import { StepPageFrame } from '../step-page-frame.tsx';
import { fieldErrorsOf, useWizardApi, WIZARD_API } from '../wizard-api.ts';

interface PaymentsStatus {
  stripe?: { status: string; accountId: string | null } | null;
  wise?: { status: string; profiles: { id: number; type: string; name: string }[] } | null;
}

/** Step 3: Stripe Connect (OAuth) and Wise (an API token checked against Wise's profiles). */
export function PaymentsPage({ step, answers, status, errors, save, reload, busy }: OnboardingStepPageProps) {
  const api = useWizardApi();
  const s = status as PaymentsStatus;
  const [stripe, setStripe] = useState(answers.stripe === true || s.stripe?.status === 'connected');
  const [wise, setWise] = useState(answers.wise === true || s.wise?.status === 'connected');
  const [token, setToken] = useState('');
  const [profileId, setProfileId] = useState<number | ''>((answers.wiseProfileId as number) ?? '');
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const all = { ...errors, ...localErrors };
  const connectStripe = async () => {
    try {
      const { authorizeUrl } = await api<{ authorizeUrl: string }>(`${WIZARD_API}/stripe/authorize`, { method: 'POST', body: {} });
      window.location.assign(authorizeUrl);
    } catch (err) {
      setLocalErrors(fieldErrorsOf(err));
    }
  };
  const checkWise = async () => {
    setLocalErrors({});
    try {
      await api(`${WIZARD_API}/wise/token`, { method: 'POST', body: { apiToken: token } });
      setToken('');
      await reload();
    } catch (err) {
      const e = fieldErrorsOf(err);
      setLocalErrors(e.apiToken ? { wiseToken: e.apiToken } : e);
    }
  };
  const stripeConnected = s.stripe?.status === 'connected';
  const profiles = s.wise?.status === 'connected' ? s.wise.profiles : [];
  return (
    <StepPageFrame title={step.title} description={step.description} error={all._} onSave={() => void save({ stripe, wise, wiseProfileId: wise && profileId !== '' ? profileId : null })} busy={busy}>
      <Stack spacing={1}>
        <FormControlLabel control={<Checkbox checked={stripe} onChange={(e) => setStripe(e.target.checked)} inputProps={{ 'data-testid': 'use-stripe' } as object} />} label="Take payments with Stripe" />
        {stripe && (stripeConnected ? <Alert severity="success" data-testid="stripe-connected">Stripe account {s.stripe!.accountId} connected</Alert> : <Button variant="outlined" onClick={() => void connectStripe()} data-testid="stripe-connect" sx={{ alignSelf: 'flex-start' }}>Connect with Stripe</Button>)}
        {all.stripe && <Alert severity="error">{all.stripe}</Alert>}
      </Stack>
      <Stack spacing={1}>
        <FormControlLabel control={<Checkbox checked={wise} onChange={(e) => setWise(e.target.checked)} inputProps={{ 'data-testid': 'use-wise' } as object} />} label="Pay out with Wise" />
        {wise && (
          <Stack direction="row" spacing={1} alignItems="flex-start">
            <TextField label="Wise API token" type="password" value={token} onChange={(e) => setToken(e.target.value.trim())} error={!!all.wiseToken || !!all.wise} helperText={all.wiseToken ?? all.wise ?? (profiles.length ? 'Token checked' : 'Settings → API tokens in Wise')} inputProps={{ 'data-testid': 'field-wise-token' }} />
            <Button variant="outlined" onClick={() => void checkWise()} disabled={!token} data-testid="wise-check">Check token</Button>
            {profiles.length > 0 && (
              <TextField select label="Wise profile" value={profileId} onChange={(e) => setProfileId(Number(e.target.value))} error={!!all.wiseProfileId} helperText={all.wiseProfileId} sx={{ minWidth: 240 }} SelectProps={{ SelectDisplayProps: { 'data-testid': 'field-wise-profile' } as object }}>
                {profiles.map((p) => <MenuItem key={p.id} value={p.id}>{p.name} ({p.type})</MenuItem>)}
              </TextField>
            )}
          </Stack>
        )}
      </Stack>
    </StepPageFrame>
  );
}
