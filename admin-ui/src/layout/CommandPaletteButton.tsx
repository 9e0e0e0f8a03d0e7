import { useEffect, useState } from 'react';
import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import SearchIcon from '@mui/icons-material/Search';
import { CommandPalette, isPaletteShortcut } from './CommandPalette.tsx';

/** The app bar's search button, and the Ctrl/Cmd-K shortcut anywhere in the console. */
export const CommandPaletteButton = () => {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isPaletteShortcut(e)) return;
      e.preventDefault();
      setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <>
      <Tooltip title="Go to… (Ctrl+K)">
        <IconButton color="inherit" aria-label="Go to a page, tenant or record" aria-keyshortcuts="Control+K Meta+K" onClick={() => setOpen(true)}>
          <SearchIcon />
        </IconButton>
      </Tooltip>
      <CommandPalette open={open} onClose={() => setOpen(false)} />
    </>
  );
};
