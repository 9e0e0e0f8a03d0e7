import { defineHealthSignal, type HealthSignalDefinition } from '@platform/sdk/customer-health';

const neutral = (id: string, label: string, weight: number, owner: string, bonus = false): HealthSignalDefinition =>
  defineHealthSignal({
    id,
    label,
    weight,
    bonus,
    async compute() {
      return { neutral: true, reason: `No data: the ${owner} plugin is not installed` };
    },
  });

/**
 * The seed's 100-point heuristic, as neutral placeholders the plugins owning the data replace with their own
 * signal of the same id (in their `boot()`): usage recency 30 (this plugin, from the audit trail), activation 20
 * (onboarding), technical health 20 = error rate 10 (logging) + failing monitors 10 (health), billing risk 20
 * (billing), support load 10 (support), and a +5 "recent success" bonus (logging: no errors in the last 7 days).
 * A placeholder says which plugin is missing; a neutral base signal keeps its points, a neutral bonus earns none.
 */
export const DEFAULT_HEALTH_SIGNALS: HealthSignalDefinition[] = [
  neutral('activation', 'Activation', 20, 'onboarding'),
  neutral('error-rate', 'Technical health: errors', 10, 'logging'),
  neutral('failing-monitors', 'Technical health: monitors', 10, 'health'),
  neutral('billing-risk', 'Billing risk', 20, 'billing'),
  neutral('support-load', 'Support load', 10, 'support'),
  neutral('recent-success', 'Recent success (bonus)', 5, 'logging', true),
];
