import type { AuditWriter, Database, EventBus, Logger, TenantDirectory } from '@platform/sdk';
import type { MeterCatalog } from '../meters/meter-catalog.ts';

/** What the plans services need from the kernel (bound in boot), plus a clock tests can move. */
export interface PlansDeps {
  db: Database;
  events: EventBus;
  audit: AuditWriter;
  tenants: TenantDirectory;
  meters: MeterCatalog;
  logger: Logger;
  now: () => Date;
}
