import { useState, type FormEvent, type ReactNode } from 'react';
import { Field, Notice, Submit } from './public-card.tsx';

/** Choose a password (twice), at least 8 characters. `onSubmit` rejects with the message to show. */
export const NewPasswordForm = ({ submitLabel, onSubmit, extra }: { submitLabel: string; onSubmit(password: string): Promise<void>; extra?: ReactNode }) => {
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (password.length < 8) return setError('The password needs at least 8 characters.');
    if (password !== again) return setError('The two passwords differ.');
    setBusy(true);
    setError(null);
    try {
      await onSubmit(password);
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-label={submitLabel}>
      {error && <Notice kind="error">{error}</Notice>}
      {extra}
      <Field label="New password" name="password" type="password" autoComplete="new-password" value={password} onChange={setPassword} disabled={busy} autoFocus />
      <Field label="Repeat the password" name="password-again" type="password" autoComplete="new-password" value={again} onChange={setAgain} disabled={busy} />
      <Submit busy={busy} disabled={!password || !again}>
        {submitLabel}
      </Submit>
    </form>
  );
};
