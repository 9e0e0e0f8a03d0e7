import { Menu, useSidebarState } from 'react-admin';
import type { ComponentType } from 'react';
import Box from '@mui/material/Box';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListSubheader from '@mui/material/ListSubheader';
import MenuItem from '@mui/material/MenuItem';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import { navToMenu } from '../nav/menuModel.ts';
import { FallbackNavIcon, navIcons } from '../nav/icons.ts';
import { usePluginIcons } from './usePluginIcons.ts';
import { useSession } from './useSession.ts';

/** The menu: exactly the sections and items `GET /api/nav` returned, in its order, with its labels. */
export const NavMenu = () => {
  const { session, isPending } = useSession();
  const [open] = useSidebarState();
  const pluginIcons = usePluginIcons(session);
  const sections = navToMenu(session?.nav);

  const iconFor = (name: string | null) => {
    const Icon = ((name && (pluginIcons[name] ?? navIcons[name])) || FallbackNavIcon) as ComponentType;
    return <Icon />;
  };

  if (isPending) {
    return (
      <Box sx={{ p: 2 }} aria-busy="true">
        {Array.from({ length: 6 }, (_, i) => (
          <Skeleton key={i} height={32} />
        ))}
      </Box>
    );
  }

  return (
    <Menu sx={{ pt: 1 }} aria-label="Main navigation">
      {sections.length === 0 && open && (
        <Typography variant="body2" color="text.secondary" sx={{ px: 2, py: 1 }}>
          Nothing to show for this tenant.
        </Typography>
      )}
      {sections.map((section) => (
        <Box key={section.id} component="nav" aria-label={section.label} sx={{ mb: 1 }}>
          {open ? <ListSubheader disableSticky sx={{ pl: 2.5 }}>{section.label}</ListSubheader> : <Box sx={{ height: 8 }} />}
          {section.entries.map((entry) =>
            entry.external ? (
              <MenuItem key={entry.id} component="a" href={entry.to} target="_blank" rel="noreferrer" sx={{ borderRadius: 2, mx: 1, pl: 1.5 }}>
                <ListItemIcon>{iconFor(entry.icon)}</ListItemIcon>
                {open && (
                  <>
                    {entry.label}
                    <OpenInNewIcon sx={{ fontSize: 14, ml: 0.75 }} />
                  </>
                )}
              </MenuItem>
            ) : (
              <Menu.Item key={entry.id} to={entry.to} primaryText={entry.label} leftIcon={iconFor(entry.icon)} data-nav-item={entry.id} />
            ),
          )}
        </Box>
      ))}
    </Menu>
  );
};
