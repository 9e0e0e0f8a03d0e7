import type { AuditWriter, Database, ExtensionRegistry, Logger, TenantDirectory } from '@platform/sdk';
import { PLAN_BILLING_SOURCE, type PlanBillingSource } from '@platform/sdk/entitlements';

/** What the billing services need from the kernel (bound in boot), plus a clock tests can move. */
export interface BillingDeps {
  db: Database;
  audit: AuditWriter;
  logger: Logger;
  tenants: TenantDirectory;
  extensions: Pick<ExtensionRegistry, 'get'>;
  now: () => Date;
  /** The plans plugin's contract, or null when plans is not loaded (no plan charges, prorations or overage). */
  planSource(): PlanBillingSource | null;
}

export function planSourceResolver(resolve: <T>(name: string) => T): () => PlanBillingSource | null {
  let cached: PlanBillingSource | null | undefined;
  return () => {
    if (cached !== undefined) return cached;
    try {
      cached = resolve<PlanBillingSource>(PLAN_BILLING_SOURCE);
    } catch {
      cached = null;
    }
    return cached;
  };
}
