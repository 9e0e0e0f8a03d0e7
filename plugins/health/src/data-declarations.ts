import { defineDataDeclarations } from '@platform/sdk/data-protection';

/** The health plugin's tenant data: check results of the tenant's monitors (no personal data). */
export const healthDataDeclarations = defineDataDeclarations([
  { table: 'health_check_history', personalFields: [], deletion: { action: 'delete' }, purpose: 'Check results of monitors about the tenant.' },
  { table: 'health_check_rollup_hourly', personalFields: [], deletion: { action: 'delete' }, purpose: 'Hourly check summaries.' },
  { table: 'health_monitor_state', personalFields: [], deletion: { action: 'delete' }, purpose: 'Current state of the tenant’s monitors.' },
]);
