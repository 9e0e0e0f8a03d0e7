import { ProviderError, type ProviderContext } from '@platform/sdk/messaging';
import { apiUrl } from '@platform/sdk/monitors';
import { readStripeError, stripeProviderError } from './stripe-errors.ts';
import { stripeForm, type StripeParam } from './stripe-form.ts';
import type { StripeConfig } from './stripe-payment-provider.ts';

export type StripeContext = ProviderContext<StripeConfig>;

/** One Stripe API call: form-encoded, Bearer secret key, the attempt's idempotency key on POSTs. */
export async function stripeRequest(ctx: StripeContext, method: 'GET' | 'POST', path: string, params?: Record<string, StripeParam>): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${ctx.config.secretKey}`, accept: 'application/json' };
  if (ctx.config.apiVersion) headers['stripe-version'] = ctx.config.apiVersion;
  if (method === 'POST') {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    headers['idempotency-key'] = ctx.idempotencyKey;
  }
  return ctx.fetch(apiUrl(ctx.config.baseUrl, path), { method, headers, ...(params ? { body: stripeForm(params) } : {}) });
}

export async function stripeJson<T>(response: Response): Promise<T> {
  const text = await response.text();
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ProviderError('unavailable', `HTTP ${response.status}: invalid JSON from Stripe: ${text.slice(0, 120)}`, response.status);
  }
}

/** The answer's object, or the {@link ProviderError} its error means. */
export async function stripeObject<T extends { id?: unknown }>(response: Response, what: string): Promise<T> {
  if (!response.ok) throw stripeProviderError(response, await readStripeError(response));
  const body = await stripeJson<T>(response);
  if (typeof body?.id !== 'string' || body.id === '') throw new ProviderError('unavailable', `HTTP ${response.status}: Stripe answered without a ${what} id`, response.status);
  return body;
}

