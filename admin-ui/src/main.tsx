import { createRoot } from 'react-dom/client';
import { bootConsole } from './boot/bootConsole.tsx';

// The entry is only React, the login form and the boot logic; everything else is fetched after sign-in.
void bootConsole(createRoot(document.getElementById('root')!));
