/**
 * The staff tenant switcher's choice, kept in localStorage so it survives reloads. `*` means
 * "All tenants" (platform level): no `X-Tenant-Id` header is sent.
 */
export const ALL_TENANTS = '*';
const KEY = 'platform.tenant';

type Listener = (selection: string) => void;
const listeners = new Set<Listener>();
let memory = ALL_TENANTS;

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function getTenantSelection(): string {
  const s = storage();
  if (!s) return memory;
  return s.getItem(KEY) || ALL_TENANTS;
}

export function setTenantSelection(selection: string): void {
  const value = selection || ALL_TENANTS;
  if (value === getTenantSelection()) return;
  memory = value;
  const s = storage();
  if (s) {
    if (value === ALL_TENANTS) s.removeItem(KEY);
    else s.setItem(KEY, value);
  }
  for (const l of listeners) l(value);
}

export function subscribeTenantSelection(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The `X-Tenant-Id` header value for a selection, or null when none should be sent. */
export function tenantHeaderFor(selection: string): string | null {
  return selection && selection !== ALL_TENANTS ? selection : null;
}
