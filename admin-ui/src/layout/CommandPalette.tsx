import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import InputAdornment from '@mui/material/InputAdornment';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import SearchIcon from '@mui/icons-material/Search';
import { useDebouncedValue } from '@platform/sdk/admin/use-debounced-value';
import { navToMenu } from '../nav/menuModel.ts';
import { matchingPages, type PaletteTarget } from '../nav/paletteMatch.ts';
import { usePaletteRecords } from './usePaletteRecords.ts';
import { useSession } from './useSession.ts';

const MAX_PAGES = 8;

/** Ctrl-K on Windows and Linux, Cmd-K on a Mac. */
export function isPaletteShortcut(e: KeyboardEvent): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k';
}

/**
 * The command palette (Ctrl/Cmd-K, or the app bar's search button): type part of a page's name, a tenant's
 * or a record's, pick with the arrow keys and Enter, and the console goes there.
 */
export const CommandPalette = ({ open, onClose }: { open: boolean; onClose: () => void }) => {
  const { session } = useSession();
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const debounced = useDebouncedValue(query, 200);
  const pages = useMemo(() => matchingPages(navToMenu(session?.nav), query).slice(0, MAX_PAGES), [session?.nav, query]);
  const records = usePaletteRecords(open ? debounced : '', session);
  const targets: PaletteTarget[] = [...pages, ...records.targets];

  useEffect(() => {
    if (open) {
      setQuery('');
      setActive(0);
    }
  }, [open]);
  useEffect(() => setActive(0), [query, records.targets.length]);

  const go = (target: PaletteTarget | undefined) => {
    if (!target) return;
    onClose();
    navigate(target.to);
  };

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" slotProps={{ paper: { 'aria-label': 'Command palette', sx: { alignSelf: 'flex-start', mt: 10 } } as object }}>
      <Box sx={{ p: 1.5 }}>
        <TextField
          autoFocus
          fullWidth
          size="small"
          label="Go to a page, tenant or record"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              setActive((i) => Math.min(i + 1, targets.length - 1));
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((i) => Math.max(i - 1, 0));
            } else if (e.key === 'Enter') {
              e.preventDefault();
              go(targets[active]);
            }
          }}
          slotProps={{
            input: {
              startAdornment: (
                <InputAdornment position="start">
                  <SearchIcon fontSize="small" />
                </InputAdornment>
              ),
              endAdornment: records.isFetching ? <CircularProgress size={16} aria-label="Searching" /> : null,
            },
            htmlInput: { 'aria-controls': 'command-palette-results', 'aria-activedescendant': targets[active] ? `palette-${active}` : undefined },
          }}
        />
      </Box>
      <List id="command-palette-results" role="listbox" aria-label="Results" dense sx={{ maxHeight: 420, overflow: 'auto', pt: 0 }}>
        {targets.map((t, i) => (
          <ListItemButton key={t.key} id={`palette-${i}`} role="option" aria-selected={i === active} selected={i === active} onMouseEnter={() => setActive(i)} onClick={() => go(t)}>
            <ListItemText primary={t.label} secondary={t.detail} />
            <Chip size="small" variant="outlined" label={t.kind === 'page' ? 'Page' : t.kind === 'tenant' ? 'Tenant' : 'Record'} />
          </ListItemButton>
        ))}
        {targets.length === 0 && !records.isFetching && (
          <Typography variant="body2" color="text.secondary" sx={{ px: 2, py: 1.5 }}>
            Nothing matches “{query}”.
          </Typography>
        )}
      </List>
    </Dialog>
  );
};
