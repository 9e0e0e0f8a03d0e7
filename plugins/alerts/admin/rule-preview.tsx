import { useDebouncedValue } from '@platform/sdk/admin/use-debounced-value';
import { useQuery } from '@tanstack/react-query';
import { useWatch } from 'react-hook-form';
import Alert from '@mui/material/Alert';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { CONDITION_SIGN, labelsText, useAlertsApi, valueText, type PreviewAnswer } from './alerts-api.ts';

const RULE_FIELDS = ['metric', 'aggregation', 'filter', 'groupBy', 'tenantFilter', 'condition', 'threshold', 'recoveryThreshold', 'windowMinutes', 'forMinutes', 'keepFiringForMinutes', 'repeatIntervalMinutes', 'severity', 'component'];

/** Live preview of the rule being edited: its current value per alert it would raise, and which breach. */
export function RulePreview() {
  const api = useAlertsApi();
  const values = useWatch() as Record<string, unknown>;
  const body = Object.fromEntries(RULE_FIELDS.filter((k) => values[k] !== undefined && values[k] !== '').map((k) => [k, values[k]]));
  const key = JSON.stringify(body);
  const debounced = useDebouncedValue(key, 500);
  const ready = !!body.metric && !!body.aggregation && !!body.condition && body.threshold !== undefined && !!body.severity;
  const preview = useQuery({
    enabled: ready,
    queryKey: ['alerts', 'preview', debounced],
    queryFn: () => api<PreviewAnswer>('/alerts/rules/preview', { method: 'POST', body: { ...JSON.parse(debounced), name: 'preview', channels: [] } }),
    retry: false,
    refetchInterval: 30_000,
  });
  return (
    <Card variant="outlined" sx={{ minWidth: 320 }}>
      <CardContent>
        <Typography variant="subtitle1">Live preview</Typography>
        {!ready ? (
          <Typography color="text.secondary">Pick a metric, aggregation, condition, threshold and severity.</Typography>
        ) : preview.error ? (
          <Alert severity="warning">{(preview.error as Error).message}</Alert>
        ) : preview.data ? (
          <>
            <Typography variant="caption" color="text.secondary">
              Fires when {String(body.aggregation)}({String(body.metric)}) {CONDITION_SIGN[body.condition as 'gt']} {String(body.threshold)}; recovers at {valueText(preview.data.recoveryThreshold)}
            </Typography>
            {preview.data.groups.length === 0 && <Typography color="text.secondary">No series match yet.</Typography>}
            <Table size="small">
              <TableBody>
                {preview.data.groups.slice(0, 20).map((g) => (
                  <TableRow key={labelsText(g.labels)}>
                    <TableCell>{labelsText(g.labels)}</TableCell>
                    <TableCell align="right">{valueText(g.value)}</TableCell>
                    <TableCell>{g.noData ? <Chip size="small" label="no data" /> : g.breaching ? <Chip size="small" color="error" label="breaching" /> : <Chip size="small" color="success" label="ok" />}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </>
        ) : (
          <Typography color="text.secondary">Evaluating…</Typography>
        )}
      </CardContent>
    </Card>
  );
}
