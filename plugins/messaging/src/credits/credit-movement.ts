/** The kinds of movement the SMS credit ledger holds (the `kind` column's CHECK lists the same). */
export const CREDIT_MOVEMENT_KINDS = ['purchase', 'top_up', 'grant', 'reservation', 'consumption', 'refund', 'expiry'] as const;
export type CreditMovementKind = (typeof CREDIT_MOVEMENT_KINDS)[number];

/** Movements that bring credits in as a lot, which may carry an expiry date. */
export const LOT_KINDS: readonly CreditMovementKind[] = ['purchase', 'top_up', 'grant'];

/** One row of `messaging_credit_ledger`, as the API and the pure logic see it. */
export interface CreditMovement {
  id: string;
  seq: number;
  tenantId: string;
  kind: CreditMovementKind;
  /** Signed: purchase, top_up, grant and refund > 0; reservation and expiry < 0; consumption <= 0. */
  amount: number;
  /** When the credits of a lot (purchase, top_up, grant) stop being spendable; null: never. */
  expiresAt: string | null;
  messageId: string | null;
  /** The lot an expiry closes. */
  lotId: string | null;
  idempotencyKey: string | null;
  reason: string | null;
  actorId: string | null;
  actorLabel: string;
  details: Record<string, unknown> | null;
  at: string;
}
