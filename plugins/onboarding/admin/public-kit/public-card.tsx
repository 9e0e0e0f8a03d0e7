import { useEffect, useState, type ReactNode } from 'react';
import { maintenanceMessage, readMaintenance } from './public-api.ts';

/**
 * The frame of the onboarding plugin's public pages (signed out): the console's sign-in card, whose styles the
 * console's entry always carries (`.login`, `.login-card`, `.login-field`, `.login-submit`, `.login-alert`).
 */
export const PublicCard = ({ title, subtitle, children }: { title: string; subtitle?: string; children: ReactNode }) => {
  useEffect(() => {
    document.title = `${title} · Platform console`;
  }, [title]);
  return (
    <main className="login">
      <div className="login-card">
        <div className="login-brand">
          <div>
            <h1>{title}</h1>
            {subtitle && <p>{subtitle}</p>}
          </div>
        </div>
        <MaintenanceNotice />
        {children}
      </div>
    </main>
  );
};

/** Shown on every public page while platform maintenance mode is on: why the form's submit is refused. */
const MaintenanceNotice = () => {
  const [retryAfter, setRetryAfter] = useState<number | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void readMaintenance().then((m) => live && setRetryAfter(m.active ? m.retryAfterSeconds || null : undefined));
    return () => {
      live = false;
    };
  }, []);
  if (retryAfter === undefined) return null;
  return (
    <div className="login-alert login-alert-info" role="status" data-testid="public-maintenance">
      {maintenanceMessage(retryAfter)}
    </div>
  );
};

export const Notice = ({ kind, children }: { kind: 'info' | 'error'; children: ReactNode }) => (
  <div className={`login-alert login-alert-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
    {children}
  </div>
);

export const Field = (props: { label: string; name: string; type?: string; value: string; onChange(v: string): void; autoComplete?: string; disabled?: boolean; autoFocus?: boolean }) => (
  <label className="login-field">
    <span>{props.label}</span>
    <input
      name={props.name}
      type={props.type ?? 'text'}
      autoComplete={props.autoComplete}
      autoFocus={props.autoFocus}
      value={props.value}
      disabled={props.disabled}
      onChange={(e) => props.onChange(e.target.value)}
    />
  </label>
);

export const Submit = ({ busy, disabled, children }: { busy: boolean; disabled?: boolean; children: ReactNode }) => (
  <button type="submit" className="login-submit" disabled={busy || disabled} aria-busy={busy}>
    {busy && <span className="login-spinner" aria-hidden="true" />}
    {children}
  </button>
);

export const SignInLink = ({ children = 'Go to sign in' }: { children?: ReactNode }) => (
  <p style={{ marginTop: 16 }}>
    <a href="/login">{children}</a>
  </p>
);
