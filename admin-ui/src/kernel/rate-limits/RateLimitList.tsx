import { CreateButton, Datagrid, FunctionField, List, ReferenceField, TextField, TopToolbar } from 'react-admin';
import Chip from '@mui/material/Chip';
import SpeedIcon from '@mui/icons-material/Speed';
import { EmptyState } from '../../components/EmptyState.tsx';
import { useSession } from '../../layout/useSession.ts';
import type { RateLimitRecord } from './types.ts';

/** Rate-limit policies: one per plan, and per-tenant overrides that beat their plan's. */
const RateLimitList = () => {
  const { can } = useSession();
  const writable = can('rate_limits.write');
  return (
    <List
      title="Rate limits"
      pagination={false}
      perPage={1000}
      empty={
        <EmptyState
          icon={<SpeedIcon />}
          title="No rate limits"
          description="Tenants are not limited. Add a policy per plan, and overrides for single tenants."
          action={writable ? <CreateButton variant="contained" label="New rate limit" /> : undefined}
        />
      }
      actions={<TopToolbar>{writable && <CreateButton label="New rate limit" />}</TopToolbar>}
    >
      <Datagrid rowClick={writable ? 'edit' : false} bulkActionButtons={false}>
        <FunctionField
          label="Applies to"
          render={(r: RateLimitRecord) =>
            r.appliesTo === 'plan' ? (
              <Chip size="small" color="primary" variant="outlined" label={`Plan ${r.planKey}`} />
            ) : (
              <ReferenceField source="tenantId" reference="tenants" link={false}>
                <FunctionField render={(t: { name: string }) => <Chip size="small" label={`Tenant ${t.name}`} />} />
              </ReferenceField>
            )
          }
        />
        <FunctionField label="Requests / s" render={(r: RateLimitRecord) => r.requestsPerSecond.toLocaleString()} />
        <FunctionField label="Burst" render={(r: RateLimitRecord) => r.burst.toLocaleString()} />
        <FunctionField label="Concurrent streams" render={(r: RateLimitRecord) => (r.concurrentStreams === null ? 'not limited' : r.concurrentStreams.toLocaleString())} />
        <TextField source="note" label="Note" emptyText="" />
      </Datagrid>
    </List>
  );
};

export default RateLimitList;
