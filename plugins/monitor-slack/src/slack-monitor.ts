import { apiUrl, BaseUrl, checkHttpJson, CheckFailure, defineMonitor } from '@platform/sdk/monitors';
import { Secret, Type } from '@platform/sdk';

interface AuthTest {
  ok: boolean;
  error?: string;
  team?: string;
  user?: string;
  team_id?: string;
}

/** Slack: `POST /api/auth.test` with the bot token (Slack answers errors with HTTP 200 and `ok: false`). */
export const slackMonitor = defineMonitor({
  id: 'slack',
  name: 'Slack',
  description: 'auth.test with the bot token',
  tier: 'external',
  scope: 'platform',
  configSchema: Type.Object({ baseUrl: BaseUrl('https://slack.com'), botToken: Secret(Type.String({ minLength: 1 })) }),
  defaultThresholds: { degradedMs: 2000, unhealthyMs: 5000 },
  check: (ctx) =>
    checkHttpJson<AuthTest>(ctx, {
      url: apiUrl(ctx.config.baseUrl, '/api/auth.test'),
      method: 'POST',
      headers: { authorization: `Bearer ${ctx.config.botToken}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
      evaluate(b) {
        if (!b?.ok) throw new CheckFailure(`auth.test failed: ${b?.error ?? 'unexpected response'}`);
        return { message: `authenticated as ${b.user} in ${b.team}`, details: { team: b.team ?? null, teamId: b.team_id ?? null } };
      },
    }),
});
