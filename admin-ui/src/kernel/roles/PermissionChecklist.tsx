import { useMemo, useState } from 'react';
import { useDataProvider, useInput } from 'react-admin';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import InputAdornment from '@mui/material/InputAdornment';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import SearchIcon from '@mui/icons-material/Search';
import type { PermissionEntry, PlatformDataProvider } from '../../api/dataProvider.ts';
import { groupPermissions } from '../format.ts';

export function usePermissionCatalog() {
  const dataProvider = useDataProvider<PlatformDataProvider>();
  return useQuery({ queryKey: ['platform', 'permissions'], queryFn: () => dataProvider.permissionCatalog(), staleTime: 5 * 60_000 });
}

/** Every permission the installed plugins declare (`GET /api/permissions`), as checkboxes grouped by plugin. */
export const PermissionChecklist = ({
  source = 'permissions',
  label = 'Permissions',
  disabled,
  exclude,
  validate,
}: {
  source?: string;
  label?: string;
  disabled?: boolean;
  /** Permissions not offered (e.g. platform-scope ones for tenant roles and tenant-bound keys). */
  exclude?: (p: PermissionEntry) => boolean;
  validate?: (value: unknown) => string | undefined;
}) => {
  const { field, fieldState } = useInput({ source, defaultValue: [], validate });
  const { data, isPending, error } = usePermissionCatalog();
  const [query, setQuery] = useState('');
  const value: string[] = Array.isArray(field.value) ? field.value : [];
  const selected = useMemo(() => new Set(value), [value]);
  const all = value.includes('*');

  const groups = useMemo(() => {
    const q = query.trim().toLowerCase();
    const entries = (data ?? []).filter(
      (p: PermissionEntry) => !exclude?.(p) && (!q || p.key.toLowerCase().includes(q) || p.label.toLowerCase().includes(q) || p.plugin.toLowerCase().includes(q)),
    );
    return groupPermissions(entries);
  }, [data, query, exclude]);

  const set = (keys: string[], on: boolean) => {
    const next = new Set(selected);
    for (const k of keys) on ? next.add(k) : next.delete(k);
    field.onChange([...next].sort());
  };

  return (
    <Box sx={{ width: '100%', maxWidth: 900, mt: 1 }} role="group" aria-label={label}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mb: 1 }}>
        <Typography variant="subtitle2">{label}</Typography>
        <Typography variant="caption" color="text.secondary">
          {all ? 'all' : `${value.length} selected`}
        </Typography>
        <Box sx={{ flex: 1 }} />
        <TextField
          size="small"
          variant="outlined"
          placeholder="Filter permissions"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          sx={{ width: 260 }}
          fullWidth={false}
          margin="none"
          slotProps={{ input: { startAdornment: <InputAdornment position="start"><SearchIcon fontSize="small" /></InputAdornment> }, htmlInput: { 'aria-label': 'Filter permissions' } }}
        />
      </Box>
      {all && <Alert severity="info" sx={{ mb: 1 }}>This role holds every permission (<code>*</code>), including ones added later.</Alert>}
      {error && <Alert severity="error">Could not load the permission catalog: {(error as Error).message}</Alert>}
      {isPending ? (
        <Skeleton variant="rounded" height={180} />
      ) : (
        groups.map((g) => {
          const keys = g.items.map((i) => i.key);
          const count = keys.filter((k) => selected.has(k)).length;
          return (
            <Paper key={g.plugin} variant="outlined" sx={{ p: 1.5, mb: 1.5 }}>
              <FormControlLabel
                label={<Typography variant="subtitle2">{g.plugin === 'kernel' ? 'Kernel' : g.plugin}</Typography>}
                control={
                  <Checkbox
                    checked={all || count === keys.length}
                    indeterminate={!all && count > 0 && count < keys.length}
                    disabled={disabled || all}
                    onChange={(e) => set(keys, e.target.checked)}
                    slotProps={{ input: { 'aria-label': `All ${g.plugin} permissions` } }}
                  />
                }
              />
              <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, columnGap: 2, pl: 3 }}>
                {g.items.map((p) => (
                  <FormControlLabel
                    key={p.key}
                    sx={{ alignItems: 'flex-start', my: 0.25 }}
                    control={<Checkbox size="small" checked={all || selected.has(p.key)} disabled={disabled || all} onChange={(e) => set([p.key], e.target.checked)} sx={{ pt: 0.25 }} />}
                    label={
                      <Box>
                        <Typography variant="body2">{p.label}</Typography>
                        <Typography variant="caption" color="text.secondary" sx={{ fontFamily: 'monospace' }}>
                          {p.key}
                        </Typography>
                      </Box>
                    }
                  />
                ))}
              </Box>
            </Paper>
          );
        })
      )}
      {fieldState.error && <FormHelperText error>{fieldState.error.message}</FormHelperText>}
    </Box>
  );
};
