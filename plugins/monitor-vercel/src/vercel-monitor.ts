import { apiUrl, BaseUrl, checkHttpJson, defineMonitor, expectShape, requestJson } from '@platform/sdk/monitors';
import { Secret, Type } from '@platform/sdk';

interface Deployments {
  deployments?: { uid: string; state?: string; readyState?: string; url?: string; created?: number }[];
}

/**
 * Vercel: `GET /v2/user` with the token; with a project id, also the state of the latest production
 * deployment (`ERROR` degrades).
 */
export const vercelMonitor = defineMonitor({
  id: 'vercel',
  name: 'Vercel',
  description: 'Token check and latest production deployment',
  tier: 'external',
  scope: 'platform',
  configSchema: Type.Object({
    baseUrl: BaseUrl('https://api.vercel.com'),
    token: Secret(Type.String({ minLength: 1 })),
    teamId: Type.Optional(Type.String()),
    projectId: Type.Optional(Type.String()),
  }),
  defaultThresholds: { degradedMs: 2000, unhealthyMs: 5000 },
  async check(ctx) {
    const { baseUrl, token, teamId, projectId } = ctx.config;
    const headers = { authorization: `Bearer ${token}` };
    const team = teamId ? `teamId=${encodeURIComponent(teamId)}` : '';
    if (!projectId) {
      return checkHttpJson<{ user?: { username?: string } }>(ctx, {
        url: apiUrl(baseUrl, `/v2/user${team ? `?${team}` : ''}`),
        headers,
        evaluate: (b) => (expectShape(b?.user, 'no user'), `authenticated as ${b.user.username ?? 'unknown'}`),
      });
    }
    await requestJson(ctx, { url: apiUrl(baseUrl, `/v2/user${team ? `?${team}` : ''}`), headers });
    return checkHttpJson<Deployments>(ctx, {
      url: apiUrl(baseUrl, `/v6/deployments?projectId=${encodeURIComponent(projectId)}&target=production&limit=1${team ? `&${team}` : ''}`),
      headers,
      evaluate(b) {
        expectShape(Array.isArray(b?.deployments), 'no deployment list');
        const latest = b.deployments[0];
        if (!latest) return { status: 'degraded', message: 'no production deployment', details: {} };
        const state = latest.state ?? latest.readyState ?? 'UNKNOWN';
        const details = { deploymentState: state, deploymentUrl: latest.url ?? null };
        if (state === 'ERROR') return { status: 'degraded', message: 'the latest production deployment failed', details };
        return { message: `latest production deployment ${state.toLowerCase()}`, details };
      },
    });
  },
});
