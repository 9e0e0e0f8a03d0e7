import type { AlertCondition, AlertSeverity } from '@platform/sdk/alert-channels';
import type { MetricAggregation } from '@platform/sdk/metrics';

/** A rule seeded at boot, keyed so it is seeded once per database. Field names follow `AlertRuleInput`. */
export interface RecommendedRule {
  seedKey: string;
  name: string;
  description: string;
  metric: string;
  aggregation: MetricAggregation;
  filter: Record<string, string>;
  groupBy: string[];
  condition: AlertCondition;
  threshold: number;
  windowMinutes: number;
  forMinutes: number;
  severity: AlertSeverity;
  component: string | null;
  channels: string[];
  enabled: boolean;
}

// The metrics plugin's health metrics (plugins/metrics/src/health): `health_up{monitor}` is 1 healthy,
// 0.5 degraded, 0 unhealthy; `health_overall_up` is 1 operational, 0.75 degraded, 0.5 partial outage,
// 0 major outage; `health_response_time_ms{monitor}`. Sampled every minute, so each rule reads the last
// value of a 2-minute window (the current minute may not have its sample yet).
const HEALTH_UP = 'health_up';
const HEALTH_OVERALL_UP = 'health_overall_up';
const HEALTH_RESPONSE_TIME_MS = 'health_response_time_ms';
const WINDOW = 2;
/** Monitor ids of the PostgreSQL and Stripe monitor plugins (also the components maintenance windows list). */
const DATABASE = 'postgres';
const STRIPE = 'stripe';

const common = { aggregation: 'last' as const, windowMinutes: WINDOW, groupBy: [] as string[], filter: {} as Record<string, string>, component: null, channels: [] as string[], enabled: false };

/**
 * The recommended alerts of portal-health-status-api.md ("Monitoring & Alerting"). Seeded disabled and
 * without channels: an operator picks channels (PagerDuty for the critical ones, Slack or email for the
 * warnings) and enables them.
 */
export const RECOMMENDED_RULES: readonly RecommendedRule[] = [
  {
    ...common,
    seedKey: 'health.database-unhealthy',
    name: 'Database unhealthy',
    description: 'The PostgreSQL health check has been unhealthy for 2 minutes. Page the on-call engineer.',
    metric: HEALTH_UP,
    filter: { monitor: DATABASE },
    condition: 'lt',
    threshold: 0.25,
    forMinutes: 2,
    severity: 'critical',
    component: DATABASE,
  },
  {
    ...common,
    seedKey: 'health.major-outage',
    name: 'Major outage',
    description: 'The platform status has been "major outage" for 1 minute. Page the on-call team.',
    metric: HEALTH_OVERALL_UP,
    condition: 'lt',
    threshold: 0.25,
    forMinutes: 1,
    severity: 'critical',
  },
  {
    ...common,
    seedKey: 'health.payments-down',
    name: 'Payment processing down',
    description: 'The Stripe health check has been unhealthy for 5 minutes. Page the on-call engineer.',
    metric: HEALTH_UP,
    filter: { monitor: STRIPE },
    condition: 'lt',
    threshold: 0.25,
    forMinutes: 5,
    severity: 'critical',
    component: STRIPE,
  },
  {
    ...common,
    seedKey: 'health.component-degraded',
    name: 'Degraded performance',
    description: 'A component has been degraded for 10 minutes (one alert per monitor). Notify #ops-alerts.',
    metric: HEALTH_UP,
    groupBy: ['monitor'],
    condition: 'eq',
    threshold: 0.5,
    forMinutes: 10,
    severity: 'warning',
  },
  {
    ...common,
    seedKey: 'health.partial-outage',
    name: 'Partial outage',
    description: 'The platform status has been "partial outage" for 5 minutes. Notify #incident-response.',
    metric: HEALTH_OVERALL_UP,
    condition: 'eq',
    threshold: 0.5,
    forMinutes: 5,
    severity: 'warning',
  },
  {
    ...common,
    seedKey: 'health.slow-database',
    name: 'Slow database',
    description: 'The PostgreSQL health check has taken over 1000 ms for 15 minutes. Notify #database-team.',
    metric: HEALTH_RESPONSE_TIME_MS,
    filter: { monitor: DATABASE },
    condition: 'gt',
    threshold: 1000,
    forMinutes: 15,
    severity: 'warning',
    component: DATABASE,
  },
];
