import { ProblemError } from '@platform/sdk';
import { callExternal, joinUrl, unexpectedAnswer } from './external-call.ts';

export interface WiseProfile {
  id: number;
  type: 'personal' | 'business';
  name: string;
}

/**
 * Checks a Wise API token by listing its profiles (`GET /v1/profiles`, bearer token), at a configurable base URL
 * (`https://api.transferwise.com`). A refused token is a 400 naming `field`.
 */
export async function wiseProfiles(base: string, token: string, field: string): Promise<WiseProfile[]> {
  const answer = await callExternal('wise', joinUrl(base, '/v1/profiles'), { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
  if (answer.status === 401 || answer.status === 403) throw new ProblemError(400, 'validation_failed', 'Wise refused this API token', { field });
  if (answer.status !== 200 || !Array.isArray(answer.body)) throw unexpectedAnswer('wise', 'profiles', answer);
  return answer.body.map((p: any) => ({
    id: Number(p.id),
    type: p.type === 'business' || p.type === 'BUSINESS' ? 'business' : 'personal',
    name: String(p.details?.name ?? p.fullName ?? [p.details?.firstName, p.details?.lastName].filter(Boolean).join(' ') ?? ''),
  }));
}
