import { defineDataDeclarations } from '@platform/sdk/data-protection';

/** The metrics plugin's tenant data: request metrics and error samples (no personal data). */
export const metricsDataDeclarations = defineDataDeclarations([
  { table: 'system_metrics_minute', personalFields: [], deletion: { action: 'delete' }, purpose: 'Per-minute request metrics of the tenant.' },
  { table: 'system_metrics_hourly', personalFields: [], deletion: { action: 'delete' }, purpose: 'Hourly request metrics of the tenant.' },
  { table: 'metrics_error_samples', personalFields: [], deletion: { action: 'delete' }, purpose: 'Samples of failed requests (route, status, request id).' },
]);
