import { Menu, useSidebarState } from 'react-admin';
import type { ComponentType } from 'react';
import { useLocation } from 'react-router-dom';
import Box from '@mui/material/Box';
import Collapse from '@mui/material/Collapse';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import ExpandLessIcon from '@mui/icons-material/ExpandLess';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import { navToMenu, type MenuEntry } from '../nav/menuModel.ts';
import { sectionOpen } from '../nav/menuSections.ts';
import { FallbackNavIcon, navIcons } from '../nav/icons.ts';
import { usePluginIcons } from './usePluginIcons.ts';
import { useFoldedSections } from './useFoldedSections.ts';
import { useSession } from './useSession.ts';

/**
 * The menu: the sections and items `GET /api/nav` returned, in its order, with its labels. Each section
 * folds (a button named after it, `aria-expanded`); a long menu starts with only the current page's section
 * open, and the user's choices are kept. The collapsed sidebar shows every icon.
 */
export const NavMenu = () => {
  const { session, isPending } = useSession();
  const [open] = useSidebarState();
  const { pathname } = useLocation();
  const [chosen, choose] = useFoldedSections();
  const pluginIcons = usePluginIcons(session);
  const sections = navToMenu(session?.nav);

  const iconFor = (name: string | null) => {
    const Icon = ((name && (pluginIcons[name] ?? navIcons[name])) || FallbackNavIcon) as ComponentType;
    return <Icon />;
  };

  const entryItem = (entry: MenuEntry) =>
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
    );

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
      {sections.map((section, index) => {
        if (!open)
          return (
            <Box key={section.id} component="nav" aria-label={section.label} sx={{ mb: 1 }}>
              <Box sx={{ height: 8 }} />
              {section.entries.map(entryItem)}
            </Box>
          );
        const expanded = sectionOpen(section, index, { sections, pathname, chosen });
        const listId = `nav-section-${section.id}`;
        return (
          <Box key={section.id} component="nav" aria-label={section.label} sx={{ mb: 0.5 }}>
            <ListItemButton
              aria-expanded={expanded}
              aria-controls={listId}
              onClick={() => choose(section.id, !expanded)}
              sx={{ mx: 1, borderRadius: 2, py: 0.25, pl: 1.5 }}
              data-nav-section={section.id}
            >
              <ListItemText
                primary={section.label}
                slotProps={{ primary: { variant: 'overline', color: 'text.secondary', sx: { fontWeight: 600, lineHeight: 2 } } }}
              />
              <Typography variant="caption" color="text.disabled" sx={{ mr: 0.5 }} aria-hidden>
                {expanded ? '' : section.entries.length}
              </Typography>
              {expanded ? <ExpandLessIcon fontSize="small" color="action" /> : <ExpandMoreIcon fontSize="small" color="action" />}
            </ListItemButton>
            <Collapse in={expanded} timeout="auto" unmountOnExit id={listId}>
              {section.entries.map(entryItem)}
            </Collapse>
          </Box>
        );
      })}
    </Menu>
  );
};
