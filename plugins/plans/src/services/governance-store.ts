import type { EntityManager } from '@platform/sdk';
import { GOVERNANCE_ID, GovernanceEntity, type Governance } from '../entities/governance.ts';

export async function loadGovernance(em: EntityManager): Promise<Governance> {
  const row = await em.findOne(GovernanceEntity, { id: GOVERNANCE_ID });
  if (row) return row;
  // The migration inserts the row; recreate it if someone removed it.
  const created = em.create(GovernanceEntity, { id: GOVERNANCE_ID, maxTrialTenants: null, defaultQuotas: {} } as any);
  await em.flush();
  return created;
}
