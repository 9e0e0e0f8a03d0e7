/**
 * The login page's colours: the mode picked with react-admin's theme toggle (its store keeps it in
 * localStorage `RaStore.theme`), else the system's.
 */
export function loginColorScheme(): 'light' | 'dark' {
  try {
    const stored = JSON.parse(localStorage.getItem('RaStore.theme') ?? 'null');
    if (stored === 'light' || stored === 'dark') return stored;
  } catch {
    /* private mode, or not JSON */
  }
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}
