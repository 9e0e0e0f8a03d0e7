import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { OnboardingStepPageProps } from '@platform/sdk/admin/onboarding-step-pages';
import { StepPageFrame } from '../step-page-frame.tsx';
import { errorText, fieldErrorsOf, useWizardApi, WIZARD_API } from '../wizard-api.ts';

interface ShopifyStatus {
  availableScopes?: string[];
  connection?: { status: string; shop: string | null; scopes: string[]; webhooks: { topic: string }[] } | null;
}

/** Step 2: the shop and the scopes, then Shopify's OAuth (the browser leaves for Shopify and comes back here). */
export function ShopifyPage({ step, answers, status, errors, save, busy }: OnboardingStepPageProps) {
  const api = useWizardApi();
  const s = status as ShopifyStatus;
  const connection = s.connection ?? null;
  const [shop, setShop] = useState(String(answers.shop ?? connection?.shop ?? ''));
  const [scopes, setScopes] = useState<string[]>((answers.scopes as string[]) ?? connection?.scopes ?? ['read_orders', 'read_products']);
  const [connectErrors, setConnectErrors] = useState<Record<string, string>>({});
  const connected = connection?.status === 'connected' && connection.shop === shop;
  const toggle = (scope: string) => setScopes((list) => (list.includes(scope) ? list.filter((x) => x !== scope) : [...list, scope]));
  const connect = async () => {
    setConnectErrors({});
    try {
      const { authorizeUrl } = await api<{ authorizeUrl: string }>(`${WIZARD_API}/shopify/authorize`, { method: 'POST', body: { shop, scopes } });
      window.location.assign(authorizeUrl);
    } catch (err) {
      const fields = fieldErrorsOf(err);
      setConnectErrors(Object.keys(fields).length ? fields : { _: errorText(err) });
    }
  };
  const all = { ...errors, ...connectErrors };
  return (
    <StepPageFrame title={step.title} description={step.description} error={all._} onSave={connected ? () => void save({ shop, scopes }) : undefined} busy={busy}>
      <TextField label="Shop domain" placeholder="your-store.myshopify.com" value={shop} onChange={(e) => setShop(e.target.value.trim().toLowerCase())} error={!!all.shop} helperText={all.shop} inputProps={{ 'data-testid': 'field-shop' }} />
      <div>
        <Typography variant="subtitle2">What the platform may access</Typography>
        <FormGroup row>
          {(s.availableScopes ?? []).map((scope) => (
            <FormControlLabel key={scope} control={<Checkbox checked={scopes.includes(scope)} onChange={() => toggle(scope)} inputProps={{ 'data-testid': `scope-${scope}` } as object} />} label={scope} />
          ))}
        </FormGroup>
        {all.scopes && <FormHelperText error>{all.scopes}</FormHelperText>}
      </div>
      {connected ? (
        <Alert severity="success" data-testid="shopify-connected">
          Connected to {connection!.shop} with {connection!.scopes.join(', ')}; {connection!.webhooks.length} webhooks registered.
        </Alert>
      ) : (
        <Button variant="outlined" onClick={() => void connect()} disabled={!shop || !scopes.length} data-testid="shopify-connect">Connect Shopify</Button>
      )}
      {connected && <Button variant="text" onClick={() => void connect()}>Reconnect with other scopes</Button>}
    </StepPageFrame>
  );
}
