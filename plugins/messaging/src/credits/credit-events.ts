/** `messaging.credits_low`: a tenant's SMS credit balance fell below its low-balance threshold (once per crossing). */
export interface CreditsLowEvent {
  tenantId: string;
  balance: number;
  threshold: number;
  /** The movement that took the balance below the threshold (null when a threshold change did). */
  movementId: string | null;
  at: string;
}

export const CREDITS_LOW_EVENT = 'messaging.credits_low';

declare module '@platform/sdk' {
  interface PlatformEvents {
    'messaging.credits_low': CreditsLowEvent;
  }
}
