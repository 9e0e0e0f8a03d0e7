import { ProblemError } from '@platform/sdk';
import { callExternal, joinUrl, unexpectedAnswer } from './external-call.ts';

/** Stripe Connect OAuth (Standard accounts), at a configurable base URL (`https://connect.stripe.com`). */
export function stripeAuthorizeUrl(base: string, o: { clientId: string; redirectUri: string; state: string }): string {
  const q = new URLSearchParams({ response_type: 'code', client_id: o.clientId, scope: 'read_write', redirect_uri: o.redirectUri, state: o.state });
  return `${joinUrl(base, '/oauth/authorize')}?${q}`;
}

/**
 * `POST /oauth/token` (form-encoded, the platform's secret key as the bearer): the connected account's id and
 * its access token.
 */
export async function exchangeStripeCode(base: string, o: { secretKey: string; code: string }): Promise<{ accessToken: string; accountId: string; livemode: boolean; scope: string }> {
  const answer = await callExternal('stripe', joinUrl(base, '/oauth/token'), {
    method: 'POST',
    headers: { authorization: `Bearer ${o.secretKey}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: o.code }).toString(),
  });
  if (answer.status === 400 || answer.status === 401) {
    const error = typeof answer.body?.error_description === 'string' ? answer.body.error_description : 'the authorization code was refused';
    throw new ProblemError(400, 'stripe_code_refused', `Stripe: ${error}; connect again`, { field: 'code' });
  }
  if (answer.status !== 200 || typeof answer.body?.access_token !== 'string' || typeof answer.body?.stripe_user_id !== 'string') throw unexpectedAnswer('stripe', 'token exchange', answer);
  return { accessToken: answer.body.access_token, accountId: answer.body.stripe_user_id, livemode: answer.body.livemode === true, scope: String(answer.body.scope ?? '') };
}
