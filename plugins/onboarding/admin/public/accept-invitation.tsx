import { useEffect, useState } from 'react';
import { publicCall, tokenFromUrl, type PublicApiError } from '../public-kit/public-api.ts';
import { Field, Notice, PublicCard, SignInLink } from '../public-kit/public-card.tsx';
import { NewPasswordForm } from '../public-kit/new-password-form.tsx';

interface Preview {
  email: string;
  name: string | null;
  role: string;
  tenantName: string;
  invitedByName: string | null;
  expiresAt: string;
}

const REFUSALS: Record<string, string> = {
  invitation_expired: 'This invitation has expired. Ask the person who invited you to send a new one.',
  invitation_used: 'This invitation was already accepted. Sign in with your email and password.',
  invitation_revoked: 'This invitation was withdrawn. Ask for a new one if you still need access.',
  invitation_not_found: 'This invitation link is not valid (a newer one may have been sent). Use the latest email, or ask for a new invitation.',
};

/** `/accept-invitation?token=...`: shows the invitation, sets the password, then points to sign-in. */
export default function AcceptInvitationPage() {
  const token = tokenFromUrl();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    publicCall<Preview>('/invitations/preview', { body: { token } })
      .then((p) => {
        setPreview(p);
        setName(p.name ?? '');
      })
      .catch((err: PublicApiError) => setRefusal(REFUSALS[err.code ?? ''] ?? err.message));
  }, [token]);

  if (refusal)
    return (
      <PublicCard title="Invitation unavailable">
        <Notice kind="error">{refusal}</Notice>
        <SignInLink />
      </PublicCard>
    );
  if (done)
    return (
      <PublicCard title="You're in" subtitle={preview?.tenantName}>
        <Notice kind="info">Your account {done} is ready. Sign in with your new password.</Notice>
        <SignInLink>Sign in</SignInLink>
      </PublicCard>
    );
  if (!preview)
    return (
      <PublicCard title="Invitation">
        <p>Checking the invitation…</p>
      </PublicCard>
    );
  return (
    <PublicCard title={`Join ${preview.tenantName}`} subtitle={`${preview.invitedByName ?? 'An administrator'} invited ${preview.email} (${preview.role})`}>
      <NewPasswordForm
        submitLabel="Accept the invitation"
        extra={<Field label="Your name" name="name" autoComplete="name" value={name} onChange={setName} />}
        onSubmit={async (password) => {
          try {
            const res = await publicCall<{ email: string }>('/invitations/accept', { body: { token, password, ...(name.trim() ? { name: name.trim() } : {}) } });
            setDone(res.email);
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
