/** A time window during which DEBUG lines of a tenant, a service, or a service within a tenant are stored. */
export interface DebugWindow {
  id: string;
  tenantId: string | null;
  service: string | null;
  until: Date;
  reason: string | null;
  createdBy: string | null;
  createdAt: Date;
}

/**
 * The DEBUG switch the storage sink asks for every debug call, so it is O(1): three maps of "until".
 * A window with both a tenant and a service matches only that service within that tenant.
 */
export class DebugWindows {
  private byTenant = new Map<string, number>();
  private byService = new Map<string, number>();
  private byBoth = new Map<string, number>();
  private all: DebugWindow[] = [];

  replace(windows: DebugWindow[]): void {
    const byTenant = new Map<string, number>();
    const byService = new Map<string, number>();
    const byBoth = new Map<string, number>();
    const later = (m: Map<string, number>, k: string, until: number) => m.set(k, Math.max(m.get(k) ?? 0, until));
    for (const w of windows) {
      const until = w.until.getTime();
      if (w.tenantId && w.service) later(byBoth, `${w.tenantId}|${w.service}`, until);
      else if (w.tenantId) later(byTenant, w.tenantId, until);
      else if (w.service) later(byService, w.service, until);
    }
    this.byTenant = byTenant;
    this.byService = byService;
    this.byBoth = byBoth;
    this.all = windows;
  }

  /** Whether DEBUG lines of this scope are stored at `now`. */
  isOn(scope: { tenantId: string | null; service: string }, now = Date.now()): boolean {
    if ((this.byService.get(scope.service) ?? 0) > now) return true;
    if (scope.tenantId === null) return false;
    if ((this.byTenant.get(scope.tenantId) ?? 0) > now) return true;
    return (this.byBoth.get(`${scope.tenantId}|${scope.service}`) ?? 0) > now;
  }

  /** Windows still open at `now`. */
  active(now = Date.now()): DebugWindow[] {
    return this.all.filter((w) => w.until.getTime() > now);
  }
}
