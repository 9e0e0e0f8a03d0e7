import type { RouteRegistrar } from '@platform/sdk';
import type { FlagServices } from '../service/flag-services.ts';
import { staleFlagReport } from '../service/stale-report.ts';
import { listFlags } from '../store/flag-store.ts';
import { lastEvaluatedTimes } from '../store/flag-usage-store.ts';

const tags = ['feature-flags'];

/** The stale-flag report: flags at 100% for their stale-after period (14 days), flags not evaluated for 30 days. */
export function reportRoutes(routes: RouteRegistrar, s: FlagServices): void {
  routes.add({
    method: 'GET',
    url: '/reports/stale',
    permission: 'flags.read',
    tenantScoped: false,
    schema: { tags, summary: 'Stale flags: fully rolled out for 14+ days, or not evaluated for 30+ days' },
    async handler() {
      await s.usage.flush();
      const [flags, evaluated] = await Promise.all([listFlags(s.db), lastEvaluatedTimes(s.db)]);
      return staleFlagReport(flags, evaluated);
    },
  });
}
