import { useEffect, useState } from 'react';
import { publicCall, tokenFromUrl, type PublicApiError } from '../public-kit/public-api.ts';
import { Notice, PublicCard, SignInLink } from '../public-kit/public-card.tsx';
import { NewPasswordForm } from '../public-kit/new-password-form.tsx';

const REFUSALS: Record<string, string> = {
  reset_link_expired: 'This reset link has expired. Ask for a new one.',
  reset_link_used: 'This reset link was already used, or a newer one was sent. Ask for a new one if you still need it.',
  reset_link_not_found: 'This reset link is not valid. Use the latest email, or ask for a new link.',
};

/** `/reset-password?token=...`: choose a new password with a reset link (once). */
export default function ResetPasswordPage() {
  const token = tokenFromUrl();
  const [ok, setOk] = useState<boolean | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  useEffect(() => {
    publicCall('/password-resets/preview', { body: { token } })
      .then(() => setOk(true))
      .catch((err: PublicApiError) => setRefusal(REFUSALS[err.code ?? ''] ?? err.message));
  }, [token]);

  if (refusal)
    return (
      <PublicCard title="Link unavailable">
        <Notice kind="error">{refusal}</Notice>
        <p style={{ marginTop: 16 }}>
          <a href="/forgot-password">Ask for a new link</a>
        </p>
      </PublicCard>
    );
  if (done)
    return (
      <PublicCard title="Password changed">
        <Notice kind="info">Your password was changed, and every other session was signed out.</Notice>
        <SignInLink>Sign in</SignInLink>
      </PublicCard>
    );
  if (!ok)
    return (
      <PublicCard title="Reset your password">
        <p>Checking the link…</p>
      </PublicCard>
    );
  return (
    <PublicCard title="Choose a new password">
      <NewPasswordForm
        submitLabel="Change the password"
        onSubmit={async (password) => {
          try {
            await publicCall('/password-resets/complete', { body: { token, password } });
            setDone(true);
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
