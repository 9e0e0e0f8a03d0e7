import { useEffect, useState } from 'react';
import { publicCall, tokenFromUrl, type PublicApiError } from '../public-kit/public-api.ts';
import { Notice, PublicCard, SignInLink } from '../public-kit/public-card.tsx';
import { NewPasswordForm } from '../public-kit/new-password-form.tsx';

interface Preview {
  email: string;
  name: string;
  companyName: string;
  slug: string;
}

const REFUSALS: Record<string, string> = {
  signup_link_expired: 'This confirmation link has expired. Sign up again.',
  signup_link_used: 'This email was already confirmed. Sign in with your password.',
  signup_link_not_found: 'This confirmation link is not valid. Sign up again.',
  signup_closed: 'Signups are closed.',
};

/** `/verify-signup?token=...`: the email is confirmed by choosing a password; the tenant is created then. */
export default function VerifySignupPage() {
  const token = tokenFromUrl();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [done, setDone] = useState<{ tenantStatus: string } | null>(null);

  useEffect(() => {
    publicCall<Preview>('/signups/preview', { body: { token } }).then(setPreview, (err: PublicApiError) => setRefusal(REFUSALS[err.code ?? ''] ?? err.message));
  }, [token]);

  if (refusal)
    return (
      <PublicCard title="Link unavailable">
        <Notice kind="error">{refusal}</Notice>
        <p style={{ marginTop: 16 }}>
          <a href="/signup">Sign up</a> · <a href="/login">Sign in</a>
        </p>
      </PublicCard>
    );
  if (done)
    return (
      <PublicCard title="Your account is ready">
        <Notice kind="info">
          {done.tenantStatus === 'active' ? `${preview?.companyName} is ready. Sign in to start.` : `${preview?.companyName} is still being set up; you can sign in already.`}
        </Notice>
        <SignInLink>Sign in</SignInLink>
      </PublicCard>
    );
  if (!preview)
    return (
      <PublicCard title="Confirm your email">
        <p>Checking the link…</p>
      </PublicCard>
    );
  return (
    <PublicCard title={`Create ${preview.companyName}`} subtitle={`${preview.email} · ${preview.slug}`}>
      <NewPasswordForm
        submitLabel="Confirm and create my account"
        onSubmit={async (password) => {
          try {
            setDone(await publicCall<{ tenantStatus: string }>('/signups/verify', { body: { token, password } }));
          } catch (err) {
            const e = err as PublicApiError;
            if (REFUSALS[e.code ?? '']) setRefusal(REFUSALS[e.code!]);
            throw err;
          }
        }}
      />
    </PublicCard>
  );
}
