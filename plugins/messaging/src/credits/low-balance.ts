/** Credits below which a tenant without its own threshold is "low". */
export const DEFAULT_LOW_BALANCE_THRESHOLD = 20;

export interface LowBalanceState {
  /** Whether `messaging.credits_low` went out for the current crossing. */
  notified: boolean;
}

/**
 * Whether a balance change crosses the tenant's low-balance threshold: the balance is low below
 * `threshold`; the event goes out once when it becomes low, and is re-armed once the balance is back
 * at or above the threshold (a top-up), so the next crossing is announced again.
 */
export function lowBalanceTransition(balance: number, threshold: number, state: LowBalanceState): { emit: boolean; notified: boolean } {
  const low = balance < threshold;
  if (low && !state.notified) return { emit: true, notified: true };
  if (!low && state.notified) return { emit: false, notified: false };
  return { emit: false, notified: state.notified };
}
