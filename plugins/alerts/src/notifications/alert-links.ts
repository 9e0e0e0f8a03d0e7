/** Console links of an alert, its rule and the dashboard. */
export function alertLinks(baseUrl: string, alertId: string, ruleId: string): { alert: string; rule: string; dashboard: string } {
  const base = baseUrl.replace(/\/+$/, '');
  return { alert: `${base}/alerts/active/${alertId}/show`, rule: `${base}/alerts/rules/${ruleId}`, dashboard: `${base}/system-health` };
}
