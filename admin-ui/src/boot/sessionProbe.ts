import { API_URL } from '../api/apiUrl.ts';

declare global {
  interface Window {
    /** The status of `GET /api/auth/me`, asked by an inline script in index.html as the page starts (0: no answer). */
    __platformSessionProbe?: Promise<number>;
  }
}

/**
 * Whether this browser has a session, before anything else is loaded: `GET /api/auth/me` without a tenant,
 * sent by index.html as soon as the page starts (else here). Only a 401 means signed out; any other answer
 * (or none) is the console's to handle and explain.
 */
export async function probeSignedOut(): Promise<boolean> {
  const early = window.__platformSessionProbe;
  delete window.__platformSessionProbe;
  const status = await (early ??
    fetch(`${API_URL}/auth/me`, { credentials: 'include', headers: { Accept: 'application/json' } }).then(
      (r) => r.status,
      () => 0,
    ));
  return status === 401;
}
