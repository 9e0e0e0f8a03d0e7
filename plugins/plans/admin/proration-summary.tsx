import Box from '@mui/material/Box';
import Divider from '@mui/material/Divider';
import Typography from '@mui/material/Typography';
import { formatDate, formatMoney } from './money-format.ts';
import type { ChangePreview } from './plans-api.ts';

const Line = ({ label, value, strong = false }: { label: string; value: string; strong?: boolean }) => (
  <Box sx={{ display: 'flex', justifyContent: 'space-between', py: 0.5 }}>
    <Typography variant="body2" sx={{ fontWeight: strong ? 700 : 400 }}>{label}</Typography>
    <Typography variant="body2" sx={{ fontWeight: strong ? 700 : 400, fontVariantNumeric: 'tabular-nums' }}>{value}</Typography>
  </Box>
);

/** The proration of a plan change: credit for the unused rest of the old plan, charge for the new one. */
export function ProrationSummary({ preview }: { preview: ChangePreview }) {
  const p = preview.proration;
  const money = (n: number) => formatMoney(n, p.currency);
  return (
    <Box sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 2 }}>
      <Typography variant="subtitle2" gutterBottom>
        {preview.from ? `${preview.from.name} → ${preview.to.name}` : `Start on ${preview.to.name}`} from {formatDate(preview.effectiveFrom)}
      </Typography>
      {preview.inTrial && (
        <Typography variant="body2" color="info.main" sx={{ mb: 1 }}>
          The tenant is in a trial until {formatDate(preview.trialEndsAt)}: the trial carries over and nothing is charged now.
        </Typography>
      )}
      {preview.from && (
        <Line label={`Credit: ${p.remainingDays} unused of ${p.periodDays} days (${formatDate(p.periodStart)} – ${formatDate(p.periodEnd)})`} value={`− ${money(p.credit)}`} />
      )}
      <Line label={`Charge: ${preview.to.name} until ${formatDate(p.nextPeriodEnd)}`} value={money(p.charge)} />
      <Divider sx={{ my: 1 }} />
      <Line label={p.net >= 0 ? 'Due now' : 'Credit balance'} value={money(Math.abs(p.net))} strong />
      <Typography variant="caption" color="text.secondary">
        {p.anchorKept ? 'The billing date stays the same.' : `A new billing period starts on ${formatDate(p.nextPeriodStart)}.`}
      </Typography>
    </Box>
  );
}
