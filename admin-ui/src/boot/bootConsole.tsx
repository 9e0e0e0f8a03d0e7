import type { Root } from 'react-dom/client';
import { wasSignedIn } from '../api/signedInMark.ts';
import { LoginForm } from '../login/LoginForm.tsx';
import { SESSION_EXPIRED, takeLoginNotice } from '../login/loginNotice.ts';
import { signIn } from '../login/signIn.ts';
import { isLoginPath, moveToLogin, pageAfterSignIn } from './deepLink.ts';
import { probeSignedOut } from './sessionProbe.ts';
import { publicPageAt } from './publicPages.ts';

/** react-admin, MUI, the layout and the kernel pages: one dynamic import, fetched only for a session. */
const loadConsole = () => import('../App.tsx');

/**
 * What the entry does. Signed out (a 401 from `/api/auth/me`, or the `/login` URL): the light login form,
 * and the console is fetched after sign-in, at the page first asked for. Signed in: the console at once.
 * A browser that was signed in before starts fetching the console while it asks, since it most likely
 * still is.
 */
export async function bootConsole(root: Root): Promise<void> {
  // A plugin's public page (accept an invitation, reset a password, sign up): shown as is, signed in or not.
  const publicPage = publicPageAt(location.pathname);
  if (publicPage) {
    try {
      const { default: Page } = await publicPage();
      root.render(<Page />);
    } catch (err) {
      showLoadFailure(root, err);
    }
    return;
  }
  let notice = takeLoginNotice();
  if (!isLoginPath(location.pathname)) {
    const returning = wasSignedIn();
    if (returning) loadConsole().catch(() => undefined);
    if (!(await probeSignedOut())) return startConsole(root, null).catch((err: unknown) => showLoadFailure(root, err));
    moveToLogin();
    if (returning) notice ??= SESSION_EXPIRED;
  }
  root.render(
    <LoginForm
      notice={notice}
      onSignIn={async (credentials) => {
        await signIn(credentials);
        await startConsole(root, pageAfterSignIn());
      }}
    />,
  );
}

async function startConsole(root: Root, path: string | null): Promise<void> {
  const { App } = await loadConsole();
  if (path !== null) history.replaceState(null, '', path);
  root.render(<App />);
}

/** The console's files could not be fetched (offline, or a new build replaced them): say so, offer a reload. */
function showLoadFailure(root: Root, err: unknown): void {
  console.error('[console] the console could not be loaded', err);
  root.render(
    <main role="alert" style={{ padding: 32, fontFamily: 'system-ui, sans-serif' }}>
      <p>The console could not be loaded. Check the connection, then reload the page.</p>
      <button type="button" onClick={() => location.reload()}>
        Reload
      </button>
    </main>
  );
}
