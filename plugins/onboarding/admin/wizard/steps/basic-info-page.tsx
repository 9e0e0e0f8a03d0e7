import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useDebouncedValue } from '@platform/sdk/admin/use-debounced-value';
import type { OnboardingStepPageProps } from '@platform/sdk/admin/onboarding-step-pages';
import { StepPageFrame } from '../step-page-frame.tsx';
import { useWizardApi, WIZARD_API } from '../wizard-api.ts';

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** Step 1: name, slug with live availability, domain, logo (URL or upload) and colors. */
export function BasicInfoPage({ step, answers, errors, save, busy }: OnboardingStepPageProps) {
  const api = useWizardApi();
  const [name, setName] = useState(str(answers.name));
  const [slug, setSlug] = useState(str(answers.slug));
  const [domain, setDomain] = useState(str(answers.domain));
  const [logoUrl, setLogoUrl] = useState(str(answers.logoUrl));
  const [logoDataUrl, setLogoDataUrl] = useState(str(answers.logoDataUrl));
  const [primaryColor, setPrimaryColor] = useState(str(answers.primaryColor) || '#1a4d8f');
  const [accentColor, setAccentColor] = useState(str(answers.accentColor) || '#f5a623');
  useEffect(() => {
    if (!slug && name) setSlug(name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40));
  }, [name]); // eslint-disable-line react-hooks/exhaustive-deps
  const debouncedSlug = useDebouncedValue(slug, 300);
  const availability = useQuery({
    queryKey: ['onboarding', 'slug', debouncedSlug],
    enabled: debouncedSlug.length > 0,
    queryFn: () => api<{ available: boolean; reason?: string }>(`${WIZARD_API}/slug-availability?slug=${encodeURIComponent(debouncedSlug)}`),
  });
  const slugHelp = errors.slug ?? (availability.data ? (availability.data.available ? 'Available' : `Not available (${availability.data.reason})`) : 'Your address: <slug>.platform');
  const upload = (file: File | undefined) => {
    if (!file) return;
    const reader = new FileReader();
    reader.onload = () => {
      setLogoDataUrl(String(reader.result));
      setLogoUrl('');
    };
    reader.readAsDataURL(file);
  };
  const onSave = () =>
    void save({ name, slug, domain: domain || null, logoUrl: logoUrl || null, logoDataUrl: logoDataUrl || null, primaryColor, accentColor });
  return (
    <StepPageFrame title={step.title} description={step.description} error={errors._} onSave={onSave} busy={busy}>
      <TextField label="Brand name" value={name} onChange={(e) => setName(e.target.value)} error={!!errors.name} helperText={errors.name} inputProps={{ 'data-testid': 'field-name' }} />
      <TextField
        label="Slug"
        value={slug}
        onChange={(e) => setSlug(e.target.value.toLowerCase())}
        error={!!errors.slug || availability.data?.available === false}
        helperText={slugHelp}
        inputProps={{ 'data-testid': 'field-slug' }}
        FormHelperTextProps={{ 'data-testid': 'slug-availability' } as object}
      />
      <TextField label="Domain (optional)" value={domain} onChange={(e) => setDomain(e.target.value.toLowerCase())} error={!!errors.domain} helperText={errors.domain ?? 'e.g. shop.example.com'} inputProps={{ 'data-testid': 'field-domain' }} />
      <Stack direction="row" spacing={2} alignItems="center">
        <TextField sx={{ flex: 1 }} label="Logo URL (https)" value={logoUrl} onChange={(e) => { setLogoUrl(e.target.value); setLogoDataUrl(''); }} error={!!errors.logoUrl} helperText={errors.logoUrl ?? errors.logoDataUrl} inputProps={{ 'data-testid': 'field-logo-url' }} />
        <Typography variant="body2">or</Typography>
        <input type="file" accept="image/png,image/jpeg,image/webp,image/svg+xml" onChange={(e) => upload(e.target.files?.[0])} data-testid="field-logo-upload" />
        {(logoDataUrl || logoUrl) && <Box component="img" src={logoDataUrl || logoUrl} alt="Logo preview" sx={{ height: 40 }} />}
      </Stack>
      <Stack direction="row" spacing={2}>
        <TextField label="Primary color" type="color" value={primaryColor} onChange={(e) => setPrimaryColor(e.target.value)} error={!!errors.primaryColor} helperText={errors.primaryColor ?? primaryColor} sx={{ width: 260 }} inputProps={{ 'data-testid': 'field-primary-color' }} />
        <TextField label="Accent color" type="color" value={accentColor} onChange={(e) => setAccentColor(e.target.value)} error={!!errors.accentColor} helperText={errors.accentColor ?? accentColor} sx={{ width: 260 }} inputProps={{ 'data-testid': 'field-accent-color' }} />
      </Stack>
    </StepPageFrame>
  );
}
