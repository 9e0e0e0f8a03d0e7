/**
 * Typed event names. Plugins add their own events by declaration merging:
 *
 * ```ts
 * declare module '@platform/sdk' {
 *   interface PlatformEvents { 'plan.assigned': { tenantId: string; planId: string } }
 * }
 * ```
 */
export interface PlatformEvents {
  'tenant.created': { tenantId: string; slug: string };
  'tenant.provisioned': { tenantId: string; slug: string };
  'tenant.updated': { tenantId: string; changes: Record<string, unknown> };
  'tenant.suspended': { tenantId: string; reason: string | null };
  'tenant.activated': { tenantId: string; reason: string | null };
  'tenant.deleted': { tenantId: string; reason: string | null; purgeAfter: string };
  'tenant.restored': { tenantId: string; reason: string | null };
  'tenant.purged': { tenantId: string };
  'tenant.plugin_toggled': { tenantId: string; plugin: string; enabled: boolean };
}

export type EventName = keyof PlatformEvents | (string & {});
export type EventPayload<N> = N extends keyof PlatformEvents ? PlatformEvents[N] : Record<string, unknown>;
