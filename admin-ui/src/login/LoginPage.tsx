import { useState, type FormEvent } from 'react';
import { useLogin } from 'ra-core';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CircularProgress from '@mui/material/CircularProgress';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { takeLoginNotice } from '../api/authProvider.ts';
import { BrandMark } from '../components/BrandMark.tsx';

/**
 * The only page loaded before sign-in: kept to plain MUI inputs so the pre-login bundle stays small.
 * Fields are labelled "Email" and "Password"; the button says "Sign in".
 */
export const LoginPage = () => {
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice] = useState(takeLoginNotice);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login({ email, password });
    } catch (err) {
      const message = err instanceof Error && err.message ? err.message : 'Sign-in failed';
      setError(message);
      setBusy(false);
    }
  };

  return (
    <Box
      component="main"
      sx={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        p: 2,
        background: (t) =>
          t.palette.mode === 'light'
            ? 'radial-gradient(1200px 600px at 10% -10%, rgba(79,70,229,0.14), transparent), radial-gradient(900px 500px at 110% 110%, rgba(15,118,110,0.12), transparent), #f6f7fb'
            : 'radial-gradient(1200px 600px at 10% -10%, rgba(129,140,248,0.16), transparent), #0f1218',
      }}
    >
      <Card sx={{ width: '100%', maxWidth: 400, borderRadius: 3 }}>
        <CardContent sx={{ p: 4 }}>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, mb: 3 }}>
            <BrandMark size={36} />
            <Box>
              <Typography variant="h6" component="h1" sx={{ lineHeight: 1.2 }}>
                Platform console
              </Typography>
              <Typography variant="body2" color="text.secondary">
                Sign in to continue
              </Typography>
            </Box>
          </Box>
          <form onSubmit={submit} aria-label="Sign in" noValidate>
            {notice && !error && (
              <Alert severity="info" sx={{ mb: 2 }}>
                {notice}
              </Alert>
            )}
            {error && (
              <Alert severity="error" sx={{ mb: 2 }} role="alert">
                {error}
              </Alert>
            )}
            <TextField
              label="Email"
              name="email"
              type="email"
              autoComplete="username"
              autoFocus
              required
              fullWidth
              variant="outlined"
              margin="normal"
              size="medium"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              disabled={busy}
            />
            <TextField
              label="Password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              fullWidth
              variant="outlined"
              margin="normal"
              size="medium"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              disabled={busy}
            />
            <Button
              type="submit"
              variant="contained"
              size="large"
              fullWidth
              sx={{ mt: 3, py: 1.2 }}
              disabled={busy || !email || !password}
              startIcon={busy ? <CircularProgress size={18} color="inherit" /> : undefined}
            >
              Sign in
            </Button>
          </form>
        </CardContent>
      </Card>
    </Box>
  );
};
