import { Title } from 'react-admin';
import Stack from '@mui/material/Stack';
import { AccountsCard } from './accounts-card.tsx';
import { TaxRatesCard } from './tax-rates-card.tsx';
import { MeterPricesCard } from './meter-prices-card.tsx';
import { PaymentConfigsCard } from './payment-configs-card.tsx';

/** Staff: what invoices are computed from — billing accounts, tax rates, overage prices — and the payment providers. */
export function BillingSettingsPage() {
  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      <Title title="Billing settings" />
      <AccountsCard />
      <TaxRatesCard />
      <MeterPricesCard />
      <PaymentConfigsCard />
    </Stack>
  );
}
