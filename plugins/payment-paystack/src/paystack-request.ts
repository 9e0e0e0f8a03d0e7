import { ProviderError, type ProviderContext } from '@platform/sdk/messaging';
import { apiUrl } from '@platform/sdk/monitors';
import { paystackProviderError, readPaystackEnvelope } from './paystack-errors.ts';
import type { PaystackConfig } from './paystack-payment-provider.ts';

export type PaystackContext = ProviderContext<PaystackConfig>;

/** One Paystack API call: JSON, Bearer secret key. */
export function paystackRequest(ctx: PaystackContext, method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${ctx.config.secretKey}`, accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return ctx.fetch(apiUrl(ctx.config.baseUrl, path), { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
}

/** The envelope's `data` of a successful answer, or the {@link ProviderError} the answer means. */
export async function paystackData<T>(response: Response, what: string): Promise<T> {
  const read = await readPaystackEnvelope<T>(response);
  if (!response.ok) throw paystackProviderError(response.status, read);
  if (!read.envelope) throw new ProviderError('unavailable', `HTTP ${response.status}: invalid JSON from Paystack: ${read.text.slice(0, 120)}`, response.status);
  if (read.envelope.status !== true || read.envelope.data === undefined || read.envelope.data === null) {
    throw new ProviderError('unavailable', `HTTP ${response.status}: Paystack answered ${what} without data: ${read.envelope.message ?? ''}`.trim(), response.status);
  }
  return read.envelope.data;
}

/** Paystack's Customer (the fields used here): https://paystack.com/docs/api/customer/#fetch */
export interface PaystackCustomer {
  email?: string;
  authorizations?: { authorization_code?: string; reusable?: boolean; brand?: string; card_type?: string; last4?: string; exp_month?: string; exp_year?: string; channel?: string }[];
}

