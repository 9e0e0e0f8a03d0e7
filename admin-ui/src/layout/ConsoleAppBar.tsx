import { AppBar, LoadingIndicator, Logout, ToggleThemeButton, TitlePortal, UserMenu, useUserMenu } from 'react-admin';
import { Link } from 'react-router-dom';
import Box from '@mui/material/Box';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import Typography from '@mui/material/Typography';
import { BrandMark } from '../components/BrandMark.tsx';
import { TenantSwitcher } from './TenantSwitcher.tsx';
import { CommandPaletteButton } from './CommandPaletteButton.tsx';
import { useSession } from './useSession.ts';

const WhoAmI = () => {
  const { session } = useSession();
  useUserMenu();
  if (!session) return null;
  return (
    <MenuItem disabled sx={{ opacity: '1 !important' }}>
      <ListItemText
        primary={session.user.name || session.user.email}
        secondary={`${session.user.kind === 'staff' ? 'Platform staff' : 'Tenant user'} · ${session.user.roles.join(', ') || 'no role'}`}
      />
    </MenuItem>
  );
};

export const ConsoleAppBar = () => (
  <AppBar
    alwaysOn
    toolbar={
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}>
        <CommandPaletteButton />
        <TenantSwitcher />
        <ToggleThemeButton />
        <LoadingIndicator />
      </Box>
    }
    userMenu={
      <UserMenu>
        <WhoAmI />
        <Logout />
      </UserMenu>
    }
  >
    <Box
      component={Link}
      to="/"
      aria-label="Dashboard"
      sx={{ display: 'flex', alignItems: 'center', gap: 1, color: 'inherit', textDecoration: 'none', mr: 2 }}
    >
      <BrandMark size={26} />
      <Typography variant="subtitle1" sx={{ fontWeight: 700, display: { xs: 'none', md: 'block' } }}>
        Platform
      </Typography>
    </Box>
    <Box sx={{ borderLeft: 1, borderColor: 'divider', height: 22, mr: 2, display: { xs: 'none', md: 'block' } }} />
    <TitlePortal variant="subtitle1" sx={{ fontWeight: 500, color: 'text.secondary' }} />
  </AppBar>
);
