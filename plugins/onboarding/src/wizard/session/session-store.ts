import { randomUUID } from 'node:crypto';
import type { Database, EntityManager } from '@platform/sdk';

/** A tenant's wizard session as stored (`onboarding_sessions`). */
export interface OnboardingSession {
  id: string;
  tenantId: string;
  status: 'in_progress' | 'completed';
  currentStep: string;
  answers: Record<string, Record<string, unknown>>;
  completedSteps: string[];
  skippedSteps: string[];
  completedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

const SELECT = `SELECT id, tenant_id AS "tenantId", status, current_step AS "currentStep", answers, completed_steps AS "completedSteps",
  skipped_steps AS "skippedSteps", completed_at AS "completedAt", created_at AS "createdAt", updated_at AS "updatedAt" FROM onboarding_sessions`;

const iso = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(v as string).toISOString());

function fromRow(r: Record<string, unknown>): OnboardingSession {
  return {
    ...(r as unknown as OnboardingSession),
    completedAt: iso(r.completedAt),
    createdAt: iso(r.createdAt)!,
    updatedAt: iso(r.updatedAt)!,
  };
}

/** SQL over `onboarding_sessions`; every statement names the tenant. */
export class SessionStore {
  constructor(private readonly db: Database) {}

  async find(tenantId: string, em?: EntityManager): Promise<OnboardingSession | null> {
    const [row] = await this.db.sql<Record<string, unknown>>(`${SELECT} WHERE tenant_id = $1`, [tenantId], em);
    return row ? fromRow(row) : null;
  }

  /** The tenant's session, created at `firstStep` when it has none (two concurrent calls create one). */
  async findOrCreate(tenantId: string, firstStep: string, startedBy: string | null): Promise<OnboardingSession> {
    await this.db.sql(
      `INSERT INTO onboarding_sessions (id, tenant_id, current_step, started_by) VALUES ($1, $2, $3, $4) ON CONFLICT (tenant_id) DO NOTHING`,
      [randomUUID(), tenantId, firstStep, startedBy],
    );
    return (await this.find(tenantId))!;
  }

  /** The session locked for an update inside `em`'s transaction. */
  async lock(em: EntityManager, tenantId: string): Promise<OnboardingSession | null> {
    const [row] = await this.db.sql<Record<string, unknown>>(`${SELECT} WHERE tenant_id = $1 FOR UPDATE`, [tenantId], em);
    return row ? fromRow(row) : null;
  }

  async save(em: EntityManager, s: OnboardingSession, completedBy: string | null = null): Promise<void> {
    await this.db.sql(
      `UPDATE onboarding_sessions SET status = $2, current_step = $3, answers = $4::jsonb, completed_steps = $5::text[], skipped_steps = $6::text[],
         completed_at = $7, completed_by = COALESCE($8, completed_by), updated_at = now() WHERE tenant_id = $1`,
      [s.tenantId, s.status, s.currentStep, JSON.stringify(s.answers), s.completedSteps, s.skippedSteps, s.completedAt, completedBy],
      em,
    );
  }
}
