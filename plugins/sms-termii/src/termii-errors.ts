import { classifyProviderStatus, ProviderError, type ProviderFailureKind } from '@platform/sdk/messaging';

/**
 * Termii answers errors as `{ "message": "..." }` (sometimes with a `code`), and uses 400/404 for problems of
 * the account that another provider would not have: an exhausted balance, a sender id not approved for this
 * account, an unknown API key. Those fail over (`auth`: "tell the operator"); other 4xx are about the message.
 */
const ACCOUNT_PROBLEM = /api.?key|insufficient|balance|sender.?id|not (?:yet )?approved|unauthori[sz]ed/i;

export function classifyTermiiError(status: number, message: string): ProviderFailureKind {
  const byStatus = classifyProviderStatus(status);
  if (byStatus === 'rejected' && ACCOUNT_PROBLEM.test(message)) return 'auth';
  return byStatus;
}

/** A {@link ProviderError} from a non-2xx Termii answer: `HTTP 400: Insufficient balance`. */
export async function termiiErrorFromResponse(response: Response): Promise<ProviderError> {
  const text = await response.text().catch(() => '');
  let message = text.slice(0, 300);
  let code: string | undefined;
  try {
    const body = JSON.parse(text) as { message?: unknown; code?: unknown };
    if (typeof body?.message === 'string') message = body.message.slice(0, 300);
    if (body?.code != null) code = String(body.code);
  } catch {
    // Not JSON: the status decides.
  }
  return new ProviderError(classifyTermiiError(response.status, message), `HTTP ${response.status}${message ? `: ${message}` : ''}`, response.status, code);
}
