import { randomUUID } from 'node:crypto';
import type { Database, EntityManager, EventBus } from '@platform/sdk';
import type { CreditMovement, CreditMovementKind } from './credit-movement.ts';
import { CREDITS_LOW_EVENT } from './credit-events.ts';
import { DEFAULT_LOW_BALANCE_THRESHOLD, lowBalanceTransition } from './low-balance.ts';

export interface CreditLedgerDeps {
  db: Database;
  events: EventBus;
  clock: () => number;
}

/** A tenant's account row, read under its row lock. */
export interface LockedAccount {
  tenantId: string;
  balance: number;
  threshold: number;
  customThreshold: number | null;
  lowNotified: boolean;
}

export interface NewMovement {
  kind: CreditMovementKind;
  amount: number;
  expiresAt?: Date | null;
  messageId?: string | null;
  lotId?: string | null;
  idempotencyKey?: string | null;
  reason?: string | null;
  actorId?: string | null;
  actorLabel: string;
  details?: Record<string, unknown> | null;
}

interface MovementRow {
  id: string;
  seq: string | number;
  tenant_id: string;
  kind: CreditMovementKind;
  amount: string | number;
  expires_at: Date | string | null;
  message_id: string | null;
  lot_id: string | null;
  idempotency_key: string | null;
  reason: string | null;
  actor_id: string | null;
  actor_label: string;
  details: Record<string, unknown> | null;
  at: Date | string;
}

const MOVEMENT_COLUMNS = 'id, seq, tenant_id, kind, amount, expires_at, message_id, lot_id, idempotency_key, reason, actor_id, actor_label, details, at';
const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());

export function movementOf(r: MovementRow): CreditMovement {
  return {
    id: r.id, seq: Number(r.seq), tenantId: r.tenant_id, kind: r.kind, amount: Number(r.amount), expiresAt: iso(r.expires_at),
    messageId: r.message_id, lotId: r.lot_id, idempotencyKey: r.idempotency_key, reason: r.reason, actorId: r.actor_id,
    actorLabel: r.actor_label, details: r.details, at: iso(r.at)!,
  };
}

/**
 * The SMS credit ledger's storage. Every write runs in the caller's transaction (`em`) after
 * {@link CreditLedger.lockAccount}: the account row's lock serialises a tenant's movements, so the balance
 * read under it is the one the next movement changes, and the cached balance moves with each append.
 */
export class CreditLedger {
  constructor(private readonly deps: CreditLedgerDeps) {}

  /** Creates the tenant's account when missing and locks its row until the transaction ends. */
  async lockAccount(em: EntityManager, tenantId: string): Promise<LockedAccount> {
    const { db } = this.deps;
    const lock = () =>
      db.sql<{ balance: string | number; low_balance_threshold: number | null; low_notified: boolean }>(
        'SELECT balance, low_balance_threshold, low_notified FROM messaging_credit_accounts WHERE tenant_id = $1 FOR UPDATE',
        [tenantId],
        em,
      );
    let [row] = await lock();
    if (!row) {
      await db.sql('INSERT INTO messaging_credit_accounts (tenant_id) VALUES ($1) ON CONFLICT (tenant_id) DO NOTHING', [tenantId], em);
      [row] = await lock();
    }
    if (!row) throw new Error(`credit account of tenant ${tenantId} is not visible in this transaction`);
    return {
      tenantId,
      balance: Number(row.balance),
      customThreshold: row.low_balance_threshold,
      threshold: row.low_balance_threshold ?? DEFAULT_LOW_BALANCE_THRESHOLD,
      lowNotified: row.low_notified,
    };
  }

  /**
   * Appends a movement to the locked account and moves its balance, or returns null when the
   * movement's idempotency key is already in the ledger (nothing written). Emits `messaging.credits_low`
   * (durably, in this transaction) when the balance crosses the threshold.
   */
  async append(em: EntityManager, account: LockedAccount, m: NewMovement): Promise<CreditMovement | null> {
    const { db } = this.deps;
    if (account.balance + m.amount < 0) throw new Error(`credit movement of ${m.amount} would take tenant ${account.tenantId} below 0 (balance ${account.balance})`);
    const rows = await db.sql<MovementRow>(
      `INSERT INTO messaging_credit_ledger (id, tenant_id, kind, amount, expires_at, message_id, lot_id, idempotency_key, reason, actor_id, actor_label, details, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
       RETURNING ${MOVEMENT_COLUMNS}`,
      [
        randomUUID(), account.tenantId, m.kind, m.amount, m.expiresAt?.toISOString() ?? null, m.messageId ?? null, m.lotId ?? null,
        m.idempotencyKey ?? null, m.reason ?? null, m.actorId ?? null, m.actorLabel, m.details ? JSON.stringify(m.details) : null,
        new Date(this.deps.clock()).toISOString(),
      ],
      em,
    );
    if (!rows.length) return null;
    const movement = movementOf(rows[0]);
    account.balance += m.amount;
    await this.settleAccount(em, account, movement.id);
    return movement;
  }

  /**
   * {@link append} for several movements of the locked account in one statement, then one balance update: the
   * movements whose idempotency key is already in the ledger are skipped. Returns the ones written.
   */
  async appendMany(em: EntityManager, account: LockedAccount, movements: NewMovement[]): Promise<CreditMovement[]> {
    if (!movements.length) return [];
    const total = movements.reduce((sum, m) => sum + m.amount, 0);
    if (account.balance + total < 0) throw new Error(`credit movements of ${total} would take tenant ${account.tenantId} below 0 (balance ${account.balance})`);
    const at = new Date(this.deps.clock()).toISOString();
    const rows = await this.deps.db.sql<MovementRow>(
      `INSERT INTO messaging_credit_ledger (id, tenant_id, kind, amount, expires_at, message_id, lot_id, idempotency_key, reason, actor_id, actor_label, details, at)
       SELECT m.id, $1, m.kind, m.amount, m.expires_at, m.message_id, m.lot_id, m.idempotency_key, m.reason, m.actor_id, m.actor_label, m.details, $2
       FROM jsonb_to_recordset($3::jsonb) AS m(id uuid, kind text, amount bigint, expires_at timestamptz, message_id text, lot_id uuid,
         idempotency_key text, reason text, actor_id text, actor_label text, details jsonb, n bigint)
       ORDER BY m.n
       ON CONFLICT (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
       RETURNING ${MOVEMENT_COLUMNS}`,
      [
        account.tenantId,
        at,
        JSON.stringify(
          movements.map((m, n) => ({
            n,
            id: randomUUID(), kind: m.kind, amount: m.amount, expires_at: m.expiresAt?.toISOString() ?? null, message_id: m.messageId ?? null, lot_id: m.lotId ?? null,
            idempotency_key: m.idempotencyKey ?? null, reason: m.reason ?? null, actor_id: m.actorId ?? null, actor_label: m.actorLabel, details: m.details ?? null,
          })),
        ),
      ],
      em,
    );
    if (!rows.length) return [];
    const written = rows.map(movementOf).sort((a, b) => a.seq - b.seq);
    account.balance += written.reduce((sum, m) => sum + m.amount, 0);
    await this.settleAccount(em, account, written[written.length - 1]!.id);
    return written;
  }

  /** The movements stored under these idempotency keys. */
  async byKeys(em: EntityManager, tenantId: string, keys: string[]): Promise<Map<string, CreditMovement>> {
    if (!keys.length) return new Map();
    const rows = await this.deps.db.sql<MovementRow>(
      `SELECT ${MOVEMENT_COLUMNS} FROM messaging_credit_ledger WHERE tenant_id = $1 AND idempotency_key = ANY($2::text[])`,
      [tenantId, keys],
      em,
    );
    return new Map(rows.map((r) => [r.idempotency_key!, movementOf(r)]));
  }

  /** Writes the cached balance and the low-balance state; emits the crossing. */
  async settleAccount(em: EntityManager, account: LockedAccount, movementId: string | null): Promise<void> {
    const transition = lowBalanceTransition(account.balance, account.threshold, { notified: account.lowNotified });
    account.lowNotified = transition.notified;
    await this.deps.db.sql(
      'UPDATE messaging_credit_accounts SET balance = $2, low_balance_threshold = $3, low_notified = $4, updated_at = now() WHERE tenant_id = $1',
      [account.tenantId, account.balance, account.customThreshold, account.lowNotified],
      em,
    );
    if (transition.emit) {
      await this.deps.events.emitDurable(em, CREDITS_LOW_EVENT, {
        tenantId: account.tenantId,
        balance: account.balance,
        threshold: account.threshold,
        movementId,
        at: new Date(this.deps.clock()).toISOString(),
      });
    }
  }

  /** The movement stored under an idempotency key, if any. */
  async byKey(em: EntityManager, tenantId: string, key: string): Promise<CreditMovement | null> {
    const [row] = await this.deps.db.sql<MovementRow>(
      `SELECT ${MOVEMENT_COLUMNS} FROM messaging_credit_ledger WHERE tenant_id = $1 AND idempotency_key = $2`,
      [tenantId, key],
      em,
    );
    return row ? movementOf(row) : null;
  }

  /** Every movement of the tenant in ledger order (the expiry job replays them). */
  async movements(em: EntityManager, tenantId: string): Promise<CreditMovement[]> {
    const rows = await this.deps.db.sql<MovementRow>(`SELECT ${MOVEMENT_COLUMNS} FROM messaging_credit_ledger WHERE tenant_id = $1 ORDER BY seq`, [tenantId], em);
    return rows.map(movementOf);
  }

  /** A page of the tenant's ledger, newest first, with the total count. */
  async page(em: EntityManager, tenantId: string, offset: number, limit: number): Promise<{ rows: CreditMovement[]; total: number }> {
    const { db } = this.deps;
    const rows = await db.sql<MovementRow>(
      `SELECT ${MOVEMENT_COLUMNS} FROM messaging_credit_ledger WHERE tenant_id = $1 ORDER BY seq DESC OFFSET $2 LIMIT $3`,
      [tenantId, offset, limit],
      em,
    );
    const [{ n }] = await db.sql<{ n: string | number }>('SELECT count(*) AS n FROM messaging_credit_ledger WHERE tenant_id = $1', [tenantId], em);
    return { rows: rows.map(movementOf), total: Number(n) };
  }

  /** The tenant's account as the API shows it (balance 0 and the default threshold when it has none yet). */
  async account(em: EntityManager, tenantId: string): Promise<CreditAccountView> {
    const [row] = await this.deps.db.sql<AccountRow>(`SELECT ${ACCOUNT_COLUMNS} FROM messaging_credit_accounts WHERE tenant_id = $1`, [tenantId], em);
    return row ? accountViewOf(row) : { tenantId, balance: 0, threshold: DEFAULT_LOW_BALANCE_THRESHOLD, customThreshold: null, low: false, updatedAt: null };
  }

  /** Every tenant's account (tenants that never had a movement have none). */
  async accounts(em: EntityManager): Promise<CreditAccountView[]> {
    const rows = await this.deps.db.sql<AccountRow>(`SELECT ${ACCOUNT_COLUMNS} FROM messaging_credit_accounts`, [], em);
    return rows.map(accountViewOf);
  }
}

export interface CreditAccountView {
  tenantId: string;
  balance: number;
  /** The threshold in force (the tenant's own, else the default). */
  threshold: number;
  /** The tenant's own threshold, or null (the default applies). */
  customThreshold: number | null;
  /** Whether the balance is below the threshold. */
  low: boolean;
  updatedAt: string | null;
}

interface AccountRow {
  tenant_id: string;
  balance: string | number;
  low_balance_threshold: number | null;
  updated_at: Date | string;
}
const ACCOUNT_COLUMNS = 'tenant_id, balance, low_balance_threshold, updated_at';

function accountViewOf(r: AccountRow): CreditAccountView {
  const threshold = r.low_balance_threshold ?? DEFAULT_LOW_BALANCE_THRESHOLD;
  const balance = Number(r.balance);
  return { tenantId: r.tenant_id, balance, threshold, customThreshold: r.low_balance_threshold, low: balance < threshold, updatedAt: iso(r.updated_at) };
}
