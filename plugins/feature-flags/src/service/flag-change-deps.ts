import type { AuditWriter, Broadcast, Database, EventBus, TenantDirectory } from '@platform/sdk';
import type { FlagCache } from './flag-cache.ts';

/** What every write needs: the database, the cache to refresh, and the channels a change is announced on. */
export interface FlagChangeDeps {
  db: Database;
  broadcast: Broadcast;
  cache: FlagCache;
  tenants: Pick<TenantDirectory, 'get'>;
  /** The kernel's platform-wide audit trail (flag changes also land there). */
  audit: AuditWriter;
  events: EventBus;
}
