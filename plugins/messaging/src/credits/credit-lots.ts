import type { CreditMovement } from './credit-movement.ts';

/** Credits that came in together (a purchase, a top-up, a plan grant, or a refund nothing could take back). */
export interface CreditLot {
  id: string;
  seq: number;
  expiresAt: number | null;
  remaining: number;
}

export interface LotReplay {
  /** Every lot in the order it came in, with what is left of it. */
  lots: CreditLot[];
  /** Credits taken that no lot held (0 for a ledger whose balance never went negative). */
  shortfall: number;
}

type Movement = Pick<CreditMovement, 'id' | 'seq' | 'kind' | 'amount' | 'expiresAt' | 'messageId' | 'lotId'>;

/**
 * Replays a tenant's ledger (in `seq` order) into lots, to know which credits expire:
 * - purchases, top-ups and grants open a lot;
 * - reservations and consumption charges draw from the lots that expire first (those without an expiry
 *   date last), oldest first among equals, so the tenant never loses credits it could have spent;
 * - a refund puts the credits back into the lots its message drew from (the lot of a refund that drew
 *   nothing, e.g. a ledger written before lots, never expires);
 * - an expiry takes what it names out of its lot.
 * The sum of the lots' `remaining` is the balance (minus `shortfall`).
 */
export function replayLots(movements: readonly Movement[]): LotReplay {
  const lots: CreditLot[] = [];
  const byId = new Map<string, CreditLot>();
  const drawn = new Map<string, { lot: CreditLot; n: number }[]>();
  let shortfall = 0;

  const open = (id: string, seq: number, amount: number, expiresAt: string | null) => {
    const lot = { id, seq, expiresAt: expiresAt === null ? null : Date.parse(expiresAt), remaining: amount };
    lots.push(lot);
    byId.set(id, lot);
  };

  for (const m of [...movements].sort((a, b) => a.seq - b.seq)) {
    switch (m.kind) {
      case 'purchase':
      case 'top_up':
      case 'grant':
        open(m.id, m.seq, m.amount, m.expiresAt);
        break;
      case 'reservation':
      case 'consumption': {
        let need = -m.amount;
        const draws = drawn.get(m.messageId ?? '') ?? [];
        for (const lot of spendingOrder(lots)) {
          if (need === 0) break;
          const n = Math.min(need, lot.remaining);
          lot.remaining -= n;
          need -= n;
          draws.push({ lot, n });
        }
        shortfall += need;
        drawn.set(m.messageId ?? '', draws);
        break;
      }
      case 'refund': {
        let back = m.amount;
        const draws = drawn.get(m.messageId ?? '') ?? [];
        while (back > 0 && draws.length) {
          const last = draws[draws.length - 1];
          const n = Math.min(back, last.n);
          last.lot.remaining += n;
          last.n -= n;
          back -= n;
          if (last.n === 0) draws.pop();
        }
        if (back > 0) open(m.id, m.seq, back, null);
        break;
      }
      case 'expiry': {
        const lot = m.lotId ? byId.get(m.lotId) : undefined;
        if (lot) lot.remaining += m.amount;
        else shortfall -= m.amount;
        break;
      }
    }
  }
  return { lots, shortfall };
}

/** Lots with credits left, the ones expiring first at the front (no expiry date last), then oldest first. */
function spendingOrder(lots: CreditLot[]): CreditLot[] {
  return lots
    .filter((l) => l.remaining > 0)
    .sort((a, b) => (a.expiresAt ?? Infinity) - (b.expiresAt ?? Infinity) || a.seq - b.seq);
}

/** What expires at `now`: each lot past its expiry date with credits left, and how many. */
export function expiredCredits(movements: readonly Movement[], now: number): { lotId: string; amount: number; expiresAt: number }[] {
  return replayLots(movements)
    .lots.filter((l) => l.expiresAt !== null && l.expiresAt <= now && l.remaining > 0)
    .map((l) => ({ lotId: l.id, amount: l.remaining, expiresAt: l.expiresAt! }));
}
