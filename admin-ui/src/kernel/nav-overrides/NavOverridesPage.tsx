import { useEffect, useMemo, useState } from 'react';
import { Title, useCreate, useDataProvider, useDelete, useGetList, useNotify, useUpdate } from 'react-admin';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import Chip from '@mui/material/Chip';
import Skeleton from '@mui/material/Skeleton';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import MenuIcon from '@mui/icons-material/Menu';
import { EmptyState } from '../../components/EmptyState.tsx';
import { refreshConsole } from '../../layout/refreshConsole.ts';
import { useSession } from '../../layout/useSession.ts';
import type { PlatformDataProvider } from '../../api/dataProvider.ts';
import { buildNavCatalog, sectionLabelOf, type NavCatalogRow, type NavOverride, type RegisteredNavItem } from './navCatalog.ts';

interface Draft {
  hidden: boolean;
  label: string;
  order: string;
}

const draftOf = (row: NavCatalogRow): Draft => ({
  hidden: row.override?.hidden ?? false,
  label: row.override?.label ?? '',
  order: row.override?.order != null ? String(row.override.order) : '',
});

const OverrideRow = ({ row, onSaved }: { row: NavCatalogRow; onSaved(): Promise<void> }) => {
  const [draft, setDraft] = useState<Draft>(() => draftOf(row));
  const [create, { isPending: creating }] = useCreate();
  const [update, { isPending: updating }] = useUpdate();
  const [remove, { isPending: removing }] = useDelete();
  const notify = useNotify();
  useEffect(() => setDraft(draftOf(row)), [row]);
  const initial = draftOf(row);
  const dirty = draft.hidden !== initial.hidden || draft.label !== initial.label || draft.order !== initial.order;
  const busy = creating || updating || removing;
  const orderValid = draft.order === '' || /^-?\d+$/.test(draft.order);

  const save = async () => {
    // An empty order is left out rather than sent as null (keeps the item's default order).
    const order = draft.order === '' ? (row.override?.order != null ? null : undefined) : Number(draft.order);
    const data = { itemId: row.itemId, hidden: draft.hidden, label: draft.label.trim() || null, ...(order === undefined ? {} : { order }) };
    const onSuccess = async () => {
      notify(`“${row.defaultLabel}” saved`, { type: 'success' });
      await onSaved();
    };
    const onError = (e: unknown) => notify((e as Error).message, { type: 'error' });
    if (row.override) await update('nav-overrides', { id: row.override.id, data, previousData: row.override }, { mutationMode: 'pessimistic', onSuccess, onError });
    else await create('nav-overrides', { data }, { onSuccess, onError });
  };
  const reset = async () => {
    if (!row.override) return;
    await remove(
      'nav-overrides',
      { id: row.override.id, previousData: row.override },
      { mutationMode: 'pessimistic', onSuccess: async () => { notify(`“${row.defaultLabel}” reset to its default`, { type: 'success' }); await onSaved(); }, onError: (e: unknown) => notify((e as Error).message, { type: 'error' }) },
    );
  };

  return (
    <TableRow hover>
      <TableCell>
        <Typography variant="body2" sx={{ fontWeight: 500 }}>
          {row.defaultLabel}
          {!row.visible && !draft.hidden && (
            <Chip label="not shown to you" size="small" variant="outlined" sx={{ ml: 1 }} title="Needs a permission you lack, or its plugin is disabled for this tenant" />
          )}
        </Typography>
        <Typography variant="caption" color="text.secondary" sx={{ fontFamily: 'monospace' }}>
          {row.itemId}
          {row.path ? ` · ${row.path}` : ''}
        </Typography>
      </TableCell>
      <TableCell sx={{ width: 72 }}>
        <Switch
          checked={!draft.hidden}
          onChange={(e) => setDraft({ ...draft, hidden: !e.target.checked })}
          slotProps={{ input: { 'aria-label': `Show ${row.defaultLabel}` } }}
        />
      </TableCell>
      <TableCell>
        <TextField
          size="small"
          variant="outlined"
          margin="none"
          placeholder={row.defaultLabel}
          value={draft.label}
          onChange={(e) => setDraft({ ...draft, label: e.target.value })}
          slotProps={{ htmlInput: { 'aria-label': `Label for ${row.defaultLabel}`, maxLength: 100 } }}
        />
      </TableCell>
      <TableCell sx={{ width: 120 }}>
        <TextField
          size="small"
          variant="outlined"
          margin="none"
          placeholder={row.defaultOrder != null ? String(row.defaultOrder) : '—'}
          value={draft.order}
          error={!orderValid}
          onChange={(e) => setDraft({ ...draft, order: e.target.value })}
          slotProps={{ htmlInput: { 'aria-label': `Order of ${row.defaultLabel}`, inputMode: 'numeric' } }}
        />
      </TableCell>
      <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
        <Button size="small" variant="contained" disabled={!dirty || busy || !orderValid} onClick={save}>
          Save
        </Button>
        <Button size="small" disabled={!row.override || busy} onClick={reset} sx={{ ml: 1 }}>
          Reset
        </Button>
      </TableCell>
    </TableRow>
  );
};

/** Hide, rename and reorder the menu items of the selected tenant (`nav-overrides`). */
const NavOverridesPage = () => {
  const { session, can } = useSession();
  const queryClient = useQueryClient();
  const tenant = session?.tenant ?? null;
  const overrides = useGetList<NavOverride>('nav-overrides', { pagination: { page: 1, perPage: 500 }, sort: { field: 'itemId', order: 'ASC' } }, { enabled: !!tenant });
  const dataProvider = useDataProvider<PlatformDataProvider>();
  const items = useQuery({ queryKey: ['platform', 'navItems'], queryFn: () => dataProvider.api<RegisteredNavItem[]>('/nav/items'), enabled: !!tenant && can('nav.manage'), staleTime: 60_000 });
  const rows = useMemo(() => buildNavCatalog(session?.nav, items.data ?? [], overrides.data ?? []), [session?.nav, items.data, overrides.data]);
  const sections = useMemo(() => {
    const out: { id: string; label: string; rows: NavCatalogRow[] }[] = [];
    for (const r of rows) {
      let s = out.find((x) => x.id === r.section);
      if (!s) out.push((s = { id: r.section, label: sectionLabelOf(r.section, session?.nav), rows: [] }));
      s.rows.push(r);
    }
    return out;
  }, [rows, session?.nav]);

  if (!tenant)
    return (
      <Box sx={{ pt: 2 }}>
        <Title title="Navigation" />
        <Card>
          <EmptyState icon={<MenuIcon />} title="Select a tenant" description="Navigation overrides belong to one tenant. Pick it with the Tenant switcher in the top bar." />
        </Card>
      </Box>
    );

  const onSaved = async () => {
    await overrides.refetch();
    await refreshConsole(queryClient, { data: false });
  };

  return (
    <Box sx={{ pt: 2 }}>
      <Title title={`Navigation of ${tenant.name}`} />
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2, maxWidth: 720 }}>
        Hide, rename or reorder menu items for everyone in <b>{tenant.name}</b>. Items still need the right permission and an enabled plugin to appear.
      </Typography>
      <Card>
        {overrides.isPending || items.isPending ? (
          <Box sx={{ p: 2 }}>
            {[0, 1, 2, 3, 4].map((i) => (
              <Skeleton key={i} height={52} />
            ))}
          </Box>
        ) : rows.length === 0 ? (
          <EmptyState icon={<MenuIcon />} title="No menu items" />
        ) : (
          <Table size="small" aria-label="Navigation overrides">
            <TableHead>
              <TableRow>
                <TableCell>Item</TableCell>
                <TableCell>Shown</TableCell>
                <TableCell>Label</TableCell>
                <TableCell>Order</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {sections.map((s) => [
                <TableRow key={`section-${s.id}`}>
                  <TableCell colSpan={5} sx={{ bgcolor: 'action.hover', py: 0.75 }}>
                    <Chip label={s.label} size="small" />
                  </TableCell>
                </TableRow>,
                ...s.rows.map((r) => <OverrideRow key={r.itemId} row={r} onSaved={onSaved} />),
              ])}
            </TableBody>
          </Table>
        )}
      </Card>
    </Box>
  );
};

export default NavOverridesPage;
