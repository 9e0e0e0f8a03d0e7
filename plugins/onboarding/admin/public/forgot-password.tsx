import { useState, type FormEvent } from 'react';
import { publicCall } from '../public-kit/public-api.ts';
import { Field, Notice, PublicCard, SignInLink, Submit } from '../public-kit/public-card.tsx';

/** `/forgot-password`: asks for a reset link; the same answer whether the address has an account or not. */
export default function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setSent((await publicCall<{ message: string }>('/password-resets', { body: { email: email.trim() } })).message);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <PublicCard title="Forgot your password?" subtitle="We'll email you a link to choose a new one">
      {sent ? (
        <Notice kind="info">{sent}</Notice>
      ) : (
        <form onSubmit={submit} noValidate aria-label="Ask for a reset link">
          {error && <Notice kind="error">{error}</Notice>}
          <Field label="Email" name="email" type="email" autoComplete="username" value={email} onChange={setEmail} disabled={busy} autoFocus />
          <Submit busy={busy} disabled={!email.trim()}>
            Send the link
          </Submit>
        </form>
      )}
      <SignInLink>Back to sign in</SignInLink>
    </PublicCard>
  );
}
