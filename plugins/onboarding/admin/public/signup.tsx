import { useEffect, useState, type FormEvent } from 'react';
import { publicCall } from '../public-kit/public-api.ts';
import { Field, Notice, PublicCard, SignInLink, Submit } from '../public-kit/public-card.tsx';
import { solveChallenge } from '../public-kit/proof-of-work.ts';

const slugOf = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);

/**
 * `/signup`: a new tenant signs up (when the flag `platform.new_tenant_signup` is on). The browser solves the
 * server's proof-of-work challenge before posting; a hidden `website` field catches form-filling bots.
 */
export default function SignupPage() {
  const [open, setOpen] = useState<boolean | null>(null);
  const [form, setForm] = useState({ email: '', name: '', companyName: '', slug: '', website: '' });
  const [slugTouched, setSlugTouched] = useState(false);
  const [availability, setAvailability] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);

  useEffect(() => {
    publicCall<{ open: boolean }>('/signups/status').then((s) => setOpen(s.open), () => setOpen(false));
  }, []);

  useEffect(() => {
    if (!open || !form.slug) return setAvailability(null);
    const timer = setTimeout(() => {
      publicCall<{ available: boolean; valid: boolean }>(`/signups/slug-availability?slug=${encodeURIComponent(form.slug)}`).then(
        (a) => setAvailability(!a.valid ? 'Use lowercase letters, digits and dashes.' : a.available ? 'Available' : 'Taken: choose another address'),
        () => setAvailability(null),
      );
    }, 300);
    return () => clearTimeout(timer);
  }, [form.slug, open]);

  const set = (key: keyof typeof form) => (value: string) =>
    setForm((f) => ({ ...f, [key]: value, ...(key === 'companyName' && !slugTouched ? { slug: slugOf(value) } : {}) }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      setBusy('Checking you are not a robot…');
      const { challenge, difficulty } = await publicCall<{ challenge: string; difficulty: number }>('/signups/challenge', { body: {} });
      const nonce = await solveChallenge(challenge, difficulty);
      setBusy('Signing up…');
      const res = await publicCall<{ message: string }>('/signups', { body: { ...form, email: form.email.trim(), challenge, nonce } });
      setSent(res.message);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(null);
    }
  };

  if (open === null)
    return (
      <PublicCard title="Sign up">
        <p>Loading…</p>
      </PublicCard>
    );
  if (!open)
    return (
      <PublicCard title="Signups are closed">
        <Notice kind="info">New accounts are created by the platform team for now. If you were invited, use the link in your invitation email.</Notice>
        <SignInLink />
      </PublicCard>
    );
  if (sent)
    return (
      <PublicCard title="Check your inbox">
        <Notice kind="info">{sent}</Notice>
        <SignInLink />
      </PublicCard>
    );
  const ready = form.email.trim() && form.name.trim() && form.companyName.trim() && form.slug;
  return (
    <PublicCard title="Create your account" subtitle="Start your free trial">
      <form onSubmit={submit} noValidate aria-label="Sign up">
        {error && <Notice kind="error">{error}</Notice>}
        {busy && <Notice kind="info">{busy}</Notice>}
        <Field label="Work email" name="email" type="email" autoComplete="email" value={form.email} onChange={set('email')} disabled={!!busy} autoFocus />
        <Field label="Your name" name="name" autoComplete="name" value={form.name} onChange={set('name')} disabled={!!busy} />
        <Field label="Company" name="companyName" autoComplete="organization" value={form.companyName} onChange={set('companyName')} disabled={!!busy} />
        <Field
          label="Address (slug)"
          name="slug"
          value={form.slug}
          onChange={(v) => {
            setSlugTouched(true);
            set('slug')(v.toLowerCase());
          }}
          disabled={!!busy}
        />
        {availability && <p className="login-hint" aria-live="polite">{availability}</p>}
        {/* The honeypot: people never see it; bots fill it in. */}
        <div aria-hidden="true" style={{ position: 'absolute', left: '-10000px', width: 1, height: 1, overflow: 'hidden' }}>
          <label>
            Website
            <input name="website" tabIndex={-1} autoComplete="off" value={form.website} onChange={(e) => set('website')(e.target.value)} />
          </label>
        </div>
        <Submit busy={!!busy} disabled={!ready}>
          Sign up
        </Submit>
      </form>
      <SignInLink>I already have an account</SignInLink>
    </PublicCard>
  );
}
