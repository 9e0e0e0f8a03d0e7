/** Whether this browser was signed in (so a 401 means "your session expired", and the console is worth prefetching). */
const SIGNED_IN = 'platform.signedIn';

export function rememberSignedIn(on: boolean): void {
  try {
    if (on) localStorage.setItem(SIGNED_IN, '1');
    else localStorage.removeItem(SIGNED_IN);
  } catch {
    /* private mode */
  }
}

export function wasSignedIn(): boolean {
  try {
    return localStorage.getItem(SIGNED_IN) === '1';
  } catch {
    return false;
  }
}
