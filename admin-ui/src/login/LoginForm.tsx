import { useEffect, useState, type FormEvent } from 'react';
import { BrandMark } from '../components/BrandMark.tsx';
import { documentTitle } from '../layout/documentTitle.ts';
import type { Credentials } from './signIn.ts';
import { loginColorScheme } from './loginColorScheme.ts';
import { hasPublicPage } from '../boot/publicPages.ts';
import './loginForm.css';

/** The Performance API mark set once the login form is interactive. */
export const LOGIN_INTERACTIVE_MARK = 'platform:login-interactive';

export interface LoginFormProps {
  /** Signs in and opens the console; a rejection's message is shown in the form. */
  onSignIn(credentials: Credentials): Promise<unknown>;
  /** Shown once above the fields ("Your session has expired..."). */
  notice?: string | null;
}

/**
 * The sign-in form: React and plain CSS only (no MUI, no react-admin), so it is interactive after a small
 * download; the console itself is fetched after sign-in. The same form is react-admin's login page once
 * the console is loaded (login/LoginPage.tsx). Fields "Email" and "Password", button "Sign in".
 */
export const LoginForm = ({ onSignIn, notice = null }: LoginFormProps) => {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    document.title = documentTitle({ page: 'Sign in' });
    // The form is on screen with its handlers attached: bench/console reads this mark.
    performance.mark(LOGIN_INTERACTIVE_MARK);
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!email || !password) return;
    setBusy(true);
    setError(null);
    try {
      await onSignIn({ email, password });
    } catch (err) {
      setError(err instanceof Error && err.message ? err.message : 'Sign-in failed');
      setBusy(false);
    }
  };

  return (
    <main className="login" data-color-scheme={loginColorScheme()}>
      <div className="login-card">
        <div className="login-brand">
          <BrandMark size={36} />
          <div>
            <h1>Platform console</h1>
            <p>Sign in to continue</p>
          </div>
        </div>
        <form onSubmit={submit} aria-label="Sign in" noValidate>
          {notice && !error && (
            <div className="login-alert login-alert-info" role="status">
              {notice}
            </div>
          )}
          {error && (
            <div className="login-alert login-alert-error" role="alert">
              {error}
            </div>
          )}
          <label className="login-field">
            <span>Email</span>
            <input
              name="email"
              type="email"
              autoComplete="username"
              autoFocus
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              disabled={busy}
            />
          </label>
          <label className="login-field">
            <span>Password</span>
            <input
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              disabled={busy}
            />
          </label>
          <button type="submit" className="login-submit" disabled={busy || !email || !password} aria-busy={busy}>
            {busy && <span className="login-spinner" aria-hidden="true" />}
            Sign in
          </button>
        </form>
        {(hasPublicPage('forgot-password') || hasPublicPage('signup')) && (
          <p className="login-links">
            {hasPublicPage('forgot-password') && <a href="/forgot-password">Forgot your password?</a>}
            {hasPublicPage('signup') && <a href="/signup">Create an account</a>}
          </p>
        )}
      </div>
    </main>
  );
};
