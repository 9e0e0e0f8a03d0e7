import { classifyProviderStatus, ProviderError } from '@platform/sdk/messaging';

/** Paystack's envelope: `{ status, message, data }`; errors add `type`, `code`, `meta`. */
export interface PaystackEnvelope<T> {
  status?: boolean;
  message?: string;
  data?: T;
  type?: string;
  code?: string;
}

/** Reads an answer's envelope; `null` when it is not JSON (a proxy's error page). */
export async function readPaystackEnvelope<T>(response: Response): Promise<{ envelope: PaystackEnvelope<T> | null; text: string }> {
  const text = await response.text().catch(() => '');
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed && typeof parsed === 'object') return { envelope: parsed as PaystackEnvelope<T>, text };
  } catch {
    // Not JSON: the status decides.
  }
  return { envelope: null, text };
}

/**
 * A {@link ProviderError} from a Paystack error answer, `HTTP 400: Paystack: Duplicate Transaction Reference`:
 * 401/403 `auth` (wrong key), 429 and 5xx `unavailable`, other 4xx `rejected`.
 */
export function paystackProviderError(status: number, read: { envelope: PaystackEnvelope<unknown> | null; text: string }): ProviderError {
  const message = read.envelope?.message;
  const detail = message ? `Paystack: ${message}` : read.text.slice(0, 300);
  return new ProviderError(classifyProviderStatus(status), `HTTP ${status}${detail ? `: ${detail}` : ''}`, status, read.envelope?.code);
}
