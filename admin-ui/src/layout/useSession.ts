import { usePermissions } from 'ra-core';
import type { PlatformSession } from '@platform/sdk/admin';
import { sessionCan } from '@platform/sdk/admin';

/** The console session (actor, permissions, tenant, nav) that the authProvider's getPermissions returns. */
export function useSession(): { session: PlatformSession | undefined; isPending: boolean; can: (permission: string) => boolean } {
  const { permissions, isPending } = usePermissions<PlatformSession>();
  return { session: permissions, isPending, can: (p: string) => sessionCan(permissions, p) };
}
