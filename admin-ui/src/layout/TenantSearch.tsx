import { useState } from 'react';
import { useGetList, useGetOne } from 'ra-core';
import { keepPreviousData } from '@tanstack/react-query';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { ALL_TENANTS } from '../api/tenantSelection.ts';
import {
  isTenantDisabled,
  SEARCH_DEBOUNCE_MS,
  SEARCH_PAGE_SIZE,
  searchFilter,
  searchOptions,
  selectedChoice,
  tenantLabel,
  type TenantChoice,
} from './tenantChoices.ts';
import { useDebouncedValue } from '@platform/sdk/admin/use-debounced-value';
import { useSwitchTenant } from './useSwitchTenant.ts';

/**
 * The switcher for many tenants: an autocomplete labelled "Tenant" that searches the server (`q` filter,
 * by name, 20 at a time) as staff type. The current tenant is fetched by id, so its name shows whatever the results.
 */
export const TenantSearch = ({ selection, allowAll }: { selection: string; allowAll: boolean }) => {
  const switchTenant = useSwitchTenant();
  const [open, setOpen] = useState(false);
  const [inputValue, setInputValue] = useState('');
  const [query, setQuery] = useState('');
  const debounced = useDebouncedValue(query, SEARCH_DEBOUNCE_MS);

  const { data: current } = useGetOne<TenantChoice>('tenants', { id: selection }, { enabled: selection !== ALL_TENANTS, staleTime: 30_000 });
  const { data: results, isFetching } = useGetList<TenantChoice>(
    'tenants',
    { pagination: { page: 1, perPage: SEARCH_PAGE_SIZE }, sort: { field: 'name', order: 'ASC' }, filter: searchFilter(debounced) },
    { enabled: open, staleTime: 30_000, placeholderData: keepPreviousData },
  );

  const selected = selectedChoice(selection, current);
  const options = searchOptions({ results: results ?? [], selected, selection, query: debounced, allowAll });
  const loading = open && (isFetching || query !== debounced);

  return (
    <Autocomplete<TenantChoice, false, true, false>
      id="tenant-search"
      size="small"
      disableClearable
      autoHighlight
      open={open}
      onOpen={() => setOpen(true)}
      onClose={() => setOpen(false)}
      value={selected}
      onChange={(_, next) => {
        if (next.id !== selection) void switchTenant(next.id);
      }}
      inputValue={inputValue}
      onInputChange={(_, value, reason) => {
        setInputValue(value);
        setQuery(reason === 'input' ? value : '');
      }}
      options={options}
      filterOptions={(o) => o}
      getOptionLabel={(t) => t.name}
      getOptionDisabled={isTenantDisabled}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      loading={loading}
      loadingText="Searching tenants…"
      noOptionsText="No tenants match"
      renderOption={({ key, ...props }, t) => (
        <Box component="li" key={key} {...props}>
          <Typography variant="body2" color={t.status === 'active' ? 'text.primary' : 'text.secondary'}>
            {tenantLabel(t)}
          </Typography>
        </Box>
      )}
      renderInput={(params) => (
        <TextField
          {...params}
          variant="standard"
          placeholder="Search tenants…"
          slotProps={{
            htmlInput: { ...params.inputProps, 'aria-label': 'Tenant' },
            input: {
              ...params.InputProps,
              disableUnderline: true,
              endAdornment: (
                <>
                  {loading && <CircularProgress color="inherit" size={16} aria-label="Loading tenants" />}
                  {params.InputProps.endAdornment}
                </>
              ),
            },
          }}
        />
      )}
      sx={{ width: 240, '& .MuiInputBase-input': { fontSize: '0.9rem', fontWeight: 500 } }}
    />
  );
};
