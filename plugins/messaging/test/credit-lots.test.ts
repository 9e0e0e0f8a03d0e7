import { describe, expect, it } from 'vitest';
import { expiredCredits, replayLots } from '../src/credits/credit-lots.ts';
import type { CreditMovement, CreditMovementKind } from '../src/credits/credit-movement.ts';

type M = Pick<CreditMovement, 'id' | 'seq' | 'kind' | 'amount' | 'expiresAt' | 'messageId' | 'lotId'>;

function ledger() {
  const rows: M[] = [];
  const add = (kind: CreditMovementKind, amount: number, extra: Partial<M> = {}) => {
    const row: M = { id: `m${rows.length + 1}`, seq: rows.length + 1, kind, amount, expiresAt: null, messageId: null, lotId: null, ...extra };
    rows.push(row);
    return row;
  };
  return { rows, add };
}

const DAY = 86_400_000;
const T0 = Date.parse('2026-01-01T00:00:00Z');
const at = (days: number) => new Date(T0 + days * DAY).toISOString();

describe('credit lots (expiry replay)', () => {
  it('spends the lot expiring first, and expires what is left of it', () => {
    const l = ledger();
    l.add('top_up', 10); // never expires
    const grant = l.add('grant', 5, { expiresAt: at(30) });
    l.add('reservation', -3, { messageId: 'a' });
    expect(expiredCredits(l.rows, T0 + 29 * DAY)).toEqual([]);
    expect(expiredCredits(l.rows, T0 + 30 * DAY)).toEqual([{ lotId: grant.id, amount: 2, expiresAt: T0 + 30 * DAY }]);
  });

  it('spends the older of two lots expiring together first', () => {
    const l = ledger();
    const first = l.add('purchase', 4, { expiresAt: at(10) });
    const second = l.add('purchase', 4, { expiresAt: at(10) });
    l.add('reservation', -6, { messageId: 'a' });
    const { lots } = replayLots(l.rows);
    expect(lots.find((x) => x.id === first.id)!.remaining).toBe(0);
    expect(lots.find((x) => x.id === second.id)!.remaining).toBe(2);
  });

  it("puts a refund back into the lots its message drew from, so refunded credits keep their expiry", () => {
    const l = ledger();
    const grant = l.add('grant', 5, { expiresAt: at(30) });
    l.add('top_up', 5);
    l.add('reservation', -7, { messageId: 'a' }); // 5 from the grant, 2 from the top-up
    l.add('refund', 7, { messageId: 'a' });
    expect(expiredCredits(l.rows, T0 + 31 * DAY)).toEqual([{ lotId: grant.id, amount: 5, expiresAt: T0 + 30 * DAY }]);
  });

  it('gives back the remainder of a partly consumed reservation to its lots', () => {
    const l = ledger();
    const grant = l.add('grant', 3, { expiresAt: at(30) });
    l.add('top_up', 10);
    l.add('reservation', -4, { messageId: 'a' }); // 3 from the grant, 1 from the top-up
    l.add('consumption', 0, { messageId: 'a' });
    l.add('refund', 2, { messageId: 'a' }); // the provider counted 2: the top-up's 1 comes back first, then 1 to the grant
    const { lots } = replayLots(l.rows);
    expect(lots.find((x) => x.id === grant.id)!.remaining).toBe(1);
    expect(expiredCredits(l.rows, T0 + 30 * DAY)).toEqual([{ lotId: grant.id, amount: 1, expiresAt: T0 + 30 * DAY }]);
  });

  it('expires nothing twice: an expiry movement empties its lot', () => {
    const l = ledger();
    const p = l.add('purchase', 6, { expiresAt: at(1) });
    l.add('expiry', -6, { lotId: p.id });
    expect(expiredCredits(l.rows, T0 + 2 * DAY)).toEqual([]);
  });

  it('expires credits a refund put back into a lot that had already expired', () => {
    const l = ledger();
    const p = l.add('purchase', 6, { expiresAt: at(1) });
    l.add('reservation', -2, { messageId: 'a' });
    l.add('expiry', -4, { lotId: p.id });
    l.add('refund', 2, { messageId: 'a' });
    expect(expiredCredits(l.rows, T0 + 2 * DAY)).toEqual([{ lotId: p.id, amount: 2, expiresAt: T0 + DAY }]);
  });

  it('keeps the lots summing to the balance over random ledgers (never a shortfall)', () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let run = 0; run < 200; run++) {
      const l = ledger();
      let balance = 0;
      const open: { id: string; amount: number }[] = [];
      for (let step = 0; step < 40; step++) {
        const r = rand(6);
        if (r === 0 || balance === 0) {
          const n = 1 + rand(9);
          l.add(rand(2) ? 'purchase' : 'grant', n, { expiresAt: rand(2) ? at(rand(60)) : null });
          balance += n;
        } else if (r <= 2) {
          const n = 1 + rand(balance);
          const id = `msg${step}`;
          l.add('reservation', -n, { messageId: id });
          open.push({ id, amount: n });
          balance -= n;
        } else if (r === 3 && open.length) {
          const m = open.splice(rand(open.length), 1)[0];
          l.add('refund', m.amount, { messageId: m.id });
          balance += m.amount;
        } else {
          const now = T0 + rand(60) * DAY;
          for (const e of expiredCredits(l.rows, now)) {
            l.add('expiry', -e.amount, { lotId: e.lotId });
            balance -= e.amount;
          }
        }
        const replay = replayLots(l.rows);
        expect(replay.shortfall).toBe(0);
        expect(replay.lots.reduce((s, x) => s + x.remaining, 0)).toBe(balance);
        expect(replay.lots.every((x) => x.remaining >= 0)).toBe(true);
      }
    }
  });
});
