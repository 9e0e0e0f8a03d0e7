import { API_URL } from '../api/apiUrl.ts';
import { problemMessage } from '../api/problemText.ts';
import { isShedRefusal, SHED_RETRIES, waitBeforeRetry } from '../api/shedRefusal.ts';
import { rememberSignedIn } from '../api/signedInMark.ts';
import { ALL_TENANTS, setTenantSelection } from '../api/tenantSelection.ts';

export interface Credentials {
  email: string;
  password: string;
}

interface LoginResponse {
  token: string;
  expiresAt: string;
  user: { kind: 'staff' | 'tenant' };
}

/** A refused sign-in: the message is the problem's detail ("Invalid email or password"). */
export class SignInError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(message);
    this.name = 'SignInError';
  }
}

/**
 * `POST /api/auth/login`: sets the session cookie. Plain fetch, no react-admin, so the login page can sign in
 * before the console is loaded. A tenant user acts in their own tenant only: a staff tenant choice left in
 * this browser is dropped. Refused as overloaded (before any work), it is sent again after the Retry-After.
 */
export async function signIn(credentials: Credentials, attempt = 1): Promise<void> {
  let res: Response;
  try {
    // No X-Tenant-Id here: signing in is not an act inside a tenant.
    res = await fetch(`${API_URL}/auth/login`, {
      method: 'POST',
      credentials: 'include',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ email: credentials.email.trim(), password: credentials.password }),
    });
  } catch (err) {
    throw new SignInError(problemMessage(0, (err as Error).message, null), 0, null);
  }
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  if (attempt <= SHED_RETRIES && isShedRefusal(res.status, body)) {
    await waitBeforeRetry(attempt);
    return signIn(credentials, attempt + 1);
  }
  if (!res.ok) throw new SignInError(problemMessage(res.status, res.statusText, body), res.status, body);
  if ((body as LoginResponse | null)?.user?.kind !== 'staff') setTenantSelection(ALL_TENANTS);
  rememberSignedIn(true);
}
