const LOGIN_NOTICE = 'platform.loginNotice';

export const SESSION_EXPIRED = 'Your session has expired. Please sign in again.';

/** A message for the login page to show once (react-admin's own notification does not survive the redirect). */
export function leaveLoginNotice(message: string): void {
  try {
    sessionStorage.setItem(LOGIN_NOTICE, message);
  } catch {
    /* private mode */
  }
}

export function takeLoginNotice(): string | null {
  try {
    const notice = sessionStorage.getItem(LOGIN_NOTICE);
    sessionStorage.removeItem(LOGIN_NOTICE);
    return notice;
  } catch {
    return null;
  }
}
