import { useQueryClient } from '@tanstack/react-query';
import { useNotify } from 'react-admin';
import { errorText, useBillingApi } from '../billing-api.ts';

/**
 * One write from a settings card: calls `/api<path>`, names the field the server refused (`field: detail`), and on
 * success refreshes the billing queries. Returns whether it worked.
 */
export function useBillingMutation() {
  const api = useBillingApi();
  const notify = useNotify();
  const client = useQueryClient();
  return async (path: string, init: { method: string; body?: unknown }, done: string): Promise<boolean> => {
    try {
      await api(path, init);
      notify(done, { type: 'success' });
      await client.invalidateQueries({ queryKey: ['billing'] });
      return true;
    } catch (err) {
      const field = (err as { body?: { field?: string } })?.body?.field;
      notify(field ? `${field}: ${errorText(err)}` : errorText(err), { type: 'error' });
      return false;
    }
  };
}
