import type { Database, TenantInfo } from '@platform/sdk';
import type { RecommendedRule } from './recommended-rules.ts';
import { seedRecommendedRules } from './seed-recommended-rules.ts';

// The metrics plugin's request metrics (plugins/metrics/src/requests): counted per tenant, with dimensions
// `route`, `method` and `status_class` (`5xx`).
const API_REQUESTS_TOTAL = 'api_requests_total';
const API_REQUEST_DURATION_MS = 'api_request_duration_ms';

/**
 * The alert rules every new tenant gets, watching that tenant's own API traffic. Seeded disabled and without
 * channels, like the recommended platform rules: an operator (or the tenant's account manager) picks channels and
 * enables them, so provisioning never starts paging anyone.
 */
export function tenantDefaultRules(tenant: TenantInfo): RecommendedRule[] {
  const common = { groupBy: [] as string[], component: null, channels: [] as string[], enabled: false, windowMinutes: 5, forMinutes: 5 };
  return [
    {
      ...common,
      seedKey: `tenant:${tenant.id}:api-server-errors`,
      name: `${tenant.name}: API server errors`,
      description: `More than 20 API requests of tenant "${tenant.slug}" answered 5xx in 5 minutes.`,
      metric: API_REQUESTS_TOTAL,
      aggregation: 'sum',
      filter: { status_class: '5xx' },
      condition: 'gt',
      threshold: 20,
      severity: 'warning',
    },
    {
      ...common,
      seedKey: `tenant:${tenant.id}:api-slow`,
      name: `${tenant.name}: slow API`,
      description: `The 95th percentile of tenant "${tenant.slug}"'s API response time has been above 2 s for 10 minutes.`,
      metric: API_REQUEST_DURATION_MS,
      aggregation: 'p95',
      filter: {},
      condition: 'gt',
      threshold: 2000,
      forMinutes: 10,
      severity: 'warning',
    },
  ];
}

/**
 * Seeds the tenant's default rules (`onTenantProvisioned`), each once: `alerts_rule_seeds` remembers them, so a
 * re-run after a failure adds nothing twice and a rule the operator deleted stays deleted. Returns the seed keys created.
 */
export function seedTenantDefaultRules(db: Database, tenant: TenantInfo): Promise<string[]> {
  return seedRecommendedRules(db, tenantDefaultRules(tenant), tenant.id);
}
