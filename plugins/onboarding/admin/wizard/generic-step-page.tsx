import { useState } from 'react';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import TextField from '@mui/material/TextField';
import type { OnboardingStepPageProps } from '@platform/sdk/admin/onboarding-step-pages';
import { StepPageFrame } from './step-page-frame.tsx';

interface PropertySchema {
  type?: string;
  title?: string;
  description?: string;
}

/**
 * The page of a contributed step without a page of its own: one field per top-level property of its answer
 * schema (text, number, or a checkbox), errors by field.
 */
export function GenericStepPage({ step, answers, errors, save, busy }: OnboardingStepPageProps) {
  const properties = ((step.schema as { properties?: Record<string, PropertySchema> }).properties ?? {}) as Record<string, PropertySchema>;
  const [values, setValues] = useState<Record<string, unknown>>({ ...answers });
  const set = (k: string, v: unknown) => setValues((all) => ({ ...all, [k]: v }));
  return (
    <StepPageFrame title={step.title} description={step.description} error={errors._} onSave={() => void save(values)} busy={busy}>
      {Object.entries(properties).map(([key, p]) =>
        p.type === 'boolean' ? (
          <FormControlLabel key={key} control={<Checkbox checked={values[key] === true} onChange={(e) => set(key, e.target.checked)} />} label={p.title ?? key} />
        ) : (
          <TextField
            key={key}
            label={p.title ?? key}
            value={values[key] ?? ''}
            type={p.type === 'integer' || p.type === 'number' ? 'number' : 'text'}
            onChange={(e) => set(key, p.type === 'integer' || p.type === 'number' ? Number(e.target.value) : e.target.value)}
            error={!!errors[key]}
            helperText={errors[key] ?? p.description}
          />
        ),
      )}
    </StepPageFrame>
  );
}
