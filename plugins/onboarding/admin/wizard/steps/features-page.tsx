import { useState } from 'react';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import FormHelperText from '@mui/material/FormHelperText';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import type { OnboardingStepPageProps } from '@platform/sdk/admin/onboarding-step-pages';
import { StepPageFrame } from '../step-page-frame.tsx';

interface ModuleState {
  name: string;
  description: string | null;
  enabled: boolean;
  entitled: boolean | null;
}

/** Step 4: the tenant's optional modules; those outside the plan are shown but cannot be chosen. */
export function FeaturesPage({ step, answers, status, errors, save, busy }: OnboardingStepPageProps) {
  const modules = ((status as { plugins?: ModuleState[] }).plugins ?? []) as ModuleState[];
  const [chosen, setChosen] = useState<string[]>((answers.enabled as string[]) ?? modules.filter((m) => m.enabled).map((m) => m.name));
  const toggle = (name: string) => setChosen((list) => (list.includes(name) ? list.filter((x) => x !== name) : [...list, name]));
  const fieldError = Object.entries(errors).find(([k]) => k.startsWith('enabled'))?.[1];
  return (
    <StepPageFrame title={step.title} description={step.description} error={errors._} onSave={() => void save({ enabled: chosen })} busy={busy}>
      <List dense>
        {modules.map((m) => {
          const outside = m.entitled === false && !m.enabled;
          return (
            <ListItem key={m.name} disablePadding>
              <ListItemIcon>
                <Checkbox edge="start" checked={chosen.includes(m.name)} disabled={outside} onChange={() => toggle(m.name)} inputProps={{ 'data-testid': `module-${m.name}` } as object} />
              </ListItemIcon>
              <ListItemText primary={m.name} secondary={m.description} />
              {outside && <Chip size="small" label="Not in your plan" />}
            </ListItem>
          );
        })}
        {!modules.length && <ListItem>No optional modules are installed.</ListItem>}
      </List>
      {fieldError && <FormHelperText error>{fieldError}</FormHelperText>}
    </StepPageFrame>
  );
}
