/** `@platform/sdk/alerts`: the alerts capability's contract (rules, conditions, the alert events). */
export * from '../alerts.ts';
