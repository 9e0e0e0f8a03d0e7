/**
 * `@platform/sdk/admin/use-can-call`: whether the signed-in user may call an API route, for a plugin's own
 * action buttons (react-admin's Create, Edit, Delete and Show buttons already ask the console).
 *
 * ```tsx
 * import { useCanCall } from '@platform/sdk/admin/use-can-call';
 * const { canCall } = useCanCall('POST', '/plans/change');
 * return canCall ? <Button onClick={openDialog}>Change plan</Button> : null;
 * ```
 * The console answers from the kernel's `GET /api/auth/routes` (each route's permission and scope, for this
 * user), so a button the API would refuse with 403 is not shown. `path` is under `/api` and may hold real
 * values or `:placeholders` (`/alerts/active/:id/resolve`). While the answer is loading `canCall` is false.
 *
 * This module imports `ra-core`, which the console provides.
 */
import { useCanAccess } from 'ra-core';

export function useCanCall(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string): { canCall: boolean; isPending: boolean } {
  const { canAccess, isPending } = useCanAccess({ resource: path, action: `${method} ${path}` });
  return { canCall: !isPending && canAccess === true, isPending };
}
