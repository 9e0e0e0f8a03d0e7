import { useState } from 'react';
import { useLogin } from 'ra-core';
import { LoginForm } from './LoginForm.tsx';
import type { Credentials } from './signIn.ts';
import { takeLoginNotice } from './loginNotice.ts';

/**
 * react-admin's login page, once the console is loaded (after a sign-out or an expired session): the same
 * light form as before sign-in, signing in through the authProvider so react-admin goes back where it was.
 */
export const LoginPage = () => {
  const login = useLogin();
  const [notice] = useState(takeLoginNotice);
  return <LoginForm notice={notice} onSignIn={(credentials: Credentials) => login(credentials)} />;
};
