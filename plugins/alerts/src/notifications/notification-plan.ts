import type { AlertState } from '@platform/sdk/alerts';
import type { AlertTransition } from '../evaluation/alert-state-machine.ts';

export type PlannedNotification = 'firing' | 'repeat' | 'resolved';

export interface NotificationSituation {
  state: AlertState;
  /** Whether the alert is open (it fired and has not resolved). */
  open: boolean;
  transition: AlertTransition;
  /** When the firing notification of this episode went out; null when it has not (yet). */
  notifiedAt: number | null;
  lastNotifiedAt: number | null;
  /** Inhibited, or in a maintenance window. */
  muted: boolean;
  /** Acknowledged (an active silence). */
  silenced: boolean;
  repeatIntervalMs: number;
  now: number;
}

/**
 * Which notification an alert sends on this evaluation:
 * - resolved: once on resolve, if its firing was announced;
 * - firing: while open and not yet announced, unless muted (a muted alert is announced when the mute ends);
 * - repeat: while firing, every repeat interval after the last notification, unless muted or acknowledged.
 */
export function planNotification(s: NotificationSituation): PlannedNotification | null {
  if (s.transition === 'resolved') return s.notifiedAt !== null ? 'resolved' : null;
  if (!s.open || s.muted) return null;
  if (s.notifiedAt === null) return s.state === 'firing' ? 'firing' : null;
  if (s.silenced || s.state !== 'firing') return null;
  if (s.lastNotifiedAt !== null && s.now - s.lastNotifiedAt >= s.repeatIntervalMs) return 'repeat';
  return null;
}
