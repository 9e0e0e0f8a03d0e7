import { ProblemError, Type, type PluginContext } from '@platform/sdk';
import { defineOnboardingStep } from '@platform/sdk/onboarding';

export const FEATURES_SCHEMA = Type.Object(
  { enabled: Type.Array(Type.String({ pattern: '^[a-z][a-z0-9-]{0,63}$' }), { maxItems: 200, uniqueItems: true }) },
  { additionalProperties: false },
);

/**
 * Step 4, feature modules: the tenant-scoped plugins to switch on, within the plan. The kernel enforces the plan
 * (`ctx.tenantPlugins`); the ones not chosen are switched off.
 */
export function featuresStep(ctx: PluginContext) {
  return defineOnboardingStep({
    id: 'features',
    order: 40,
    title: 'Enable features',
    description: 'Choose the modules your team uses (within your plan)',
    skippable: false,
    schema: FEATURES_SCHEMA,
    async save(call, answers) {
      const chosen = answers.enabled as string[];
      const plugins = await ctx.tenantPlugins.list(call.tenantId);
      chosen.forEach((name, i) => {
        const p = plugins.find((x) => x.name === name);
        if (!p) throw new ProblemError(400, 'validation_failed', `"${name}" is not a module tenants can enable`, { field: `answers.enabled.${i}` });
        if (p.entitled === false && !p.enabled) throw new ProblemError(402, 'limit_exceeded', `Your plan does not include "${name}"`, { field: `answers.enabled.${i}` });
      });
      const by = { actorId: call.actor?.id ?? null, actorType: call.actor?.type ?? 'system' };
      for (const p of plugins) {
        const want = chosen.includes(p.name);
        if (want !== p.enabled) await ctx.tenantPlugins.setEnabled(call.tenantId, p.name, want, by);
      }
      return { enabled: chosen };
    },
    async status(call) {
      return { plugins: await ctx.tenantPlugins.list(call.tenantId) };
    },
    async verify(call, answers) {
      if (!answers) return { ok: false, detail: 'No modules chosen' };
      const plugins = await ctx.tenantPlugins.list(call.tenantId);
      const chosen = answers.enabled as string[];
      const off = chosen.filter((n) => !plugins.find((p) => p.name === n)?.enabled);
      return off.length ? { ok: false, detail: `Not enabled: ${off.join(', ')}` } : { ok: true, detail: chosen.length ? `Enabled: ${chosen.join(', ')}` : 'No optional modules' };
    },
  });
}
