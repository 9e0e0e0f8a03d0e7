export type LifecycleAction = 'suspend' | 'activate' | 'delete' | 'restore';

/** What can happen to a tenant in each status (the kernel's state machine, as buttons). */
export function lifecycleActionsFor(status: string | undefined): LifecycleAction[] {
  switch (status) {
    case 'active':
    case 'provisioning':
      return ['suspend', 'delete'];
    case 'suspended':
      return ['activate', 'delete'];
    case 'deleted':
      return ['restore'];
    default:
      return [];
  }
}

