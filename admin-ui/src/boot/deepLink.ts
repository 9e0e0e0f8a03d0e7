/**
 * The console page a signed-out visitor asked for, kept in the history entry of `/login` (so a reload of the
 * login page keeps it too) and opened after sign-in.
 */
const KEY = 'platformNext';

/** Shows `/login` in the address bar, remembering where the visitor was going. */
export function moveToLogin(): void {
  const next = location.pathname + location.search + location.hash;
  history.replaceState({ [KEY]: next }, '', '/login');
}

/** Where to go after sign-in: the remembered page, else the dashboard. Never back to `/login`. */
export function pageAfterSignIn(): string {
  const state = history.state as { [KEY]?: unknown; usr?: { nextPathname?: unknown; nextSearch?: unknown } } | null;
  // Ours, or react-admin's own (a reload of the login page it redirected to).
  const next =
    state?.[KEY] ??
    (typeof state?.usr?.nextPathname === 'string' ? state.usr.nextPathname + (typeof state.usr.nextSearch === 'string' ? state.usr.nextSearch : '') : null);
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !isLoginPath(next) ? next : '/';
}

export function isLoginPath(path: string): boolean {
  return /^\/login(?:[/?#]|$)/.test(path);
}
