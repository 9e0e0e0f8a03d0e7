import { defaultDarkTheme, defaultLightTheme, type RaThemeOptions } from 'react-admin';
import { deepmerge } from '@mui/utils';
import type { Theme } from '@mui/material/styles';

/**
 * One theme, two modes. Indigo brand, quiet surfaces, outlined cards, no shouting buttons.
 * The app bar is a surface (not a coloured slab) so the tenant switcher and menu read as one piece.
 */
const brand = { main: '#4f46e5', light: '#818cf8', dark: '#3730a3', contrastText: '#ffffff' };

const shared = (mode: 'light' | 'dark'): RaThemeOptions => {
  const border = mode === 'light' ? 'rgba(15, 23, 42, 0.08)' : 'rgba(226, 232, 240, 0.10)';
  return {
    shape: { borderRadius: 10 },
    typography: {
      fontFamily: 'Inter, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
      h5: { fontWeight: 600 },
      h6: { fontWeight: 600 },
      button: { textTransform: 'none', fontWeight: 600 },
    },
    sidebar: { width: 232, closedWidth: 56 },
    components: {
      MuiAppBar: {
        defaultProps: { elevation: 0, color: 'inherit' },
        styleOverrides: {
          root: ({ theme }: { theme: Theme }) => ({
            backgroundColor: theme.palette.background.paper,
            color: theme.palette.text.primary,
            borderBottom: `1px solid ${border}`,
          }),
        },
      },
      MuiPaper: {
        defaultProps: { elevation: 0 },
        styleOverrides: { root: { backgroundImage: 'none' }, outlined: { borderColor: border } },
      },
      MuiCard: {
        defaultProps: { variant: 'outlined' },
        styleOverrides: { root: { borderColor: border } },
      },
      MuiButton: { defaultProps: { disableElevation: true } },
      MuiChip: { defaultProps: { size: 'small' }, styleOverrides: { root: { fontWeight: 500 } } },
      MuiTableCell: {
        styleOverrides: {
          head: ({ theme }: { theme: Theme }) => ({
            fontWeight: 600,
            color: theme.palette.text.secondary,
            fontSize: '0.78rem',
            textTransform: 'uppercase',
            letterSpacing: '0.03em',
          }),
        },
      },
      MuiListSubheader: {
        styleOverrides: {
          root: ({ theme }: { theme: Theme }) => ({
            backgroundColor: 'transparent',
            fontSize: '0.72rem',
            fontWeight: 700,
            letterSpacing: '0.06em',
            textTransform: 'uppercase',
            lineHeight: '32px',
            color: theme.palette.text.secondary,
          }),
        },
      },
      RaMenuItemLink: {
        styleOverrides: {
          root: ({ theme }: { theme: Theme }) => ({
            borderRadius: 8,
            margin: '1px 8px',
            paddingLeft: 12,
            '&.RaMenuItemLink-active': {
              backgroundColor: mode === 'light' ? 'rgba(79, 70, 229, 0.10)' : 'rgba(129, 140, 248, 0.16)',
              color: theme.palette.primary.main,
              fontWeight: 600,
              '& .RaMenuItemLink-icon': { color: theme.palette.primary.main },
            },
          }),
        },
      },
      RaLayout: {
        styleOverrides: {
          root: {
            '& .RaLayout-content': { padding: '8px 24px 24px' },
          },
        },
      },
      // react-admin's default "No X yet" (plugin lists that bring no empty state of their own), toned down.
      RaEmpty: {
        styleOverrides: {
          root: ({ theme }: { theme: Theme }) => ({
            '& .RaEmpty-message': { opacity: 1, color: theme.palette.text.secondary, marginTop: theme.spacing(6) },
            '& .RaEmpty-icon': { width: 72, height: 72, color: theme.palette.primary.main, opacity: 0.5 },
            '& .RaEmpty-toolbar': { marginTop: theme.spacing(3) },
          }),
        },
      },
      RaList: {
        styleOverrides: {
          root: {
            '& .RaList-content': { borderRadius: 10 },
          },
        },
      },
    } as RaThemeOptions['components'],
  };
};

export const lightTheme: RaThemeOptions = deepmerge(
  deepmerge(defaultLightTheme, shared('light')),
  {
    palette: {
      mode: 'light',
      primary: brand,
      secondary: { main: '#0f766e' },
      background: { default: '#f6f7fb', paper: '#ffffff' },
      text: { primary: '#0f172a', secondary: '#475569' },
      divider: 'rgba(15, 23, 42, 0.08)',
    },
  } satisfies RaThemeOptions,
);

export const darkTheme: RaThemeOptions = deepmerge(
  deepmerge(defaultDarkTheme, shared('dark')),
  {
    palette: {
      mode: 'dark',
      primary: { main: '#818cf8', light: '#a5b4fc', dark: '#6366f1', contrastText: '#0b1020' },
      secondary: { main: '#2dd4bf' },
      background: { default: '#0f1218', paper: '#161a23' },
      text: { primary: '#e2e8f0', secondary: '#94a3b8' },
      divider: 'rgba(226, 232, 240, 0.10)',
    },
  } satisfies RaThemeOptions,
);
