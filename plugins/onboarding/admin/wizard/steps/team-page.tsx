import { useState } from 'react';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import type { OnboardingStepPageProps } from '@platform/sdk/admin/onboarding-step-pages';
import { StepPageFrame } from '../step-page-frame.tsx';

interface Invitation {
  email: string;
  role: 'tenant_admin' | 'tenant_member';
}

/** Step 5: the people to invite, with their role. */
export function TeamPage({ step, answers, errors, save, busy }: OnboardingStepPageProps) {
  const [rows, setRows] = useState<Invitation[]>((answers.invitations as Invitation[]) ?? [{ email: '', role: 'tenant_member' }]);
  const set = (i: number, change: Partial<Invitation>) => setRows((list) => list.map((r, j) => (j === i ? { ...r, ...change } : r)));
  const onSave = () => void save({ invitations: rows.filter((r) => r.email.trim() !== '').map((r) => ({ email: r.email.trim(), role: r.role })) });
  return (
    <StepPageFrame title={step.title} description={step.description} error={errors._ ?? errors.invitations} onSave={onSave} saveLabel="Save invitations" busy={busy}>
      {rows.map((r, i) => (
        <Stack key={i} direction="row" spacing={1} alignItems="flex-start">
          <TextField label="Email" value={r.email} onChange={(e) => set(i, { email: e.target.value })} error={!!errors[`invitations.${i}.email`]} helperText={errors[`invitations.${i}.email`]} sx={{ minWidth: 320 }} inputProps={{ 'data-testid': `invite-email-${i}` }} />
          <TextField select label="Role" value={r.role} onChange={(e) => set(i, { role: e.target.value as Invitation['role'] })} sx={{ minWidth: 180 }} error={!!errors[`invitations.${i}.role`]}>
            <MenuItem value="tenant_member">Member</MenuItem>
            <MenuItem value="tenant_admin">Admin</MenuItem>
          </TextField>
          <IconButton aria-label="Remove" onClick={() => setRows((list) => list.filter((_, j) => j !== i))}>×</IconButton>
        </Stack>
      ))}
      <Button onClick={() => setRows((list) => [...list, { email: '', role: 'tenant_member' }])} sx={{ alignSelf: 'flex-start' }} data-testid="invite-add">Add someone</Button>
    </StepPageFrame>
  );
}
