import type { PluginRouteCollector } from '../http/route-registrar.ts';
import type { KernelServices } from './kernel-services.ts';

/** `GET /api/maintenance`: whether the platform is in maintenance (the console's banner, status pages). */
export function maintenanceRoutes(r: PluginRouteCollector, s: KernelServices): void {
  r.add({
    method: 'GET',
    url: '/maintenance',
    public: true,
    traffic: 'polling',
    schema: { tags: ['maintenance'], summary: 'Whether the platform is in maintenance mode (writes from non-staff refused)' },
    handler: () => s.maintenance.state(),
  });
}
