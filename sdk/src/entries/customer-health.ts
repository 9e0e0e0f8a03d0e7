/** `@platform/sdk/customer-health`: the health-score signal extension point (owned by the customer-success plugin). */
export * from '../customer-health.ts';
/** The daily digest's sections and the cross-tenant KPIs (also owned by the customer-success plugin). */
export * from '../customer-digest.ts';
export * from '../kpis.ts';
