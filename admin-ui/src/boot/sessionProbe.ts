import { API_URL } from '../api/apiUrl.ts';

/**
 * Whether this browser has a session, before anything else is loaded: `GET /api/auth/me` without a tenant.
 * Only a 401 means signed out; any other answer (or none) is the console's to handle and explain.
 */
export async function probeSignedOut(): Promise<boolean> {
  try {
    const res = await fetch(`${API_URL}/auth/me`, { credentials: 'include', headers: { Accept: 'application/json' } });
    return res.status === 401;
  } catch {
    return false;
  }
}
