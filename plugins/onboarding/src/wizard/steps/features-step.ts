import { ProblemError, TENANT_PLUGINS, Type, type PluginContext, type TenantPluginSwitch } from '@platform/sdk';
import { defineOnboardingStep } from '@platform/sdk/onboarding';

export const FEATURES_SCHEMA = Type.Object(
  { enabled: Type.Array(Type.String({ pattern: '^[a-z][a-z0-9-]{0,63}$' }), { maxItems: 200, uniqueItems: true }) },
  { additionalProperties: false },
);

/**
 * Step 4, feature modules: the tenant-scoped plugins to switch on, within the plan. The kernel's switch enforces
 * the plan (`withinPlan`); the ones not chosen are switched off.
 */
/** The modules' states `check` read, handed to `save` on the answers object it returned. */
const statesRead = new WeakMap<object, Awaited<ReturnType<TenantPluginSwitch['statesFor']>>>();

export function featuresStep(ctx: PluginContext) {
  const plugins = () => ctx.resolve<TenantPluginSwitch>(TENANT_PLUGINS);
  return defineOnboardingStep({
    id: 'features',
    order: 40,
    title: 'Enable features',
    description: 'Choose the modules your team uses (within your plan)',
    skippable: false,
    schema: FEATURES_SCHEMA,
    async check(call, answers) {
      const chosen = answers.enabled as string[];
      const states = await plugins().statesFor(call.tenantId);
      chosen.forEach((name, i) => {
        const p = states.find((x) => x.name === name);
        if (!p) throw new ProblemError(400, 'validation_failed', `"${name}" is not a module tenants can enable`, { field: `answers.enabled.${i}` });
        if (p.entitled === false && !p.enabled) throw new ProblemError(402, 'limit_exceeded', `Your plan does not include "${name}"`, { field: `answers.enabled.${i}` });
      });
      const kept = { enabled: chosen };
      statesRead.set(kept, states);
      return kept;
    },
    async save(call, answers) {
      const chosen = answers.enabled as string[];
      const states = statesRead.get(answers);
      if (!states) throw new Error('features step: save without check');
      // The plan was checked in `check`: the entitlement checker reads through a connection of its own, which would
      // wait for this transaction on the embedded database.
      const options = { actorLabel: `onboarding wizard: ${call.actor?.email ?? call.actor?.id ?? 'tenant admin'}`, reason: 'Chosen in the onboarding wizard', withinPlan: false };
      // In the wizard's transaction: all the modules chosen change with the session row, or none does.
      for (const p of states) {
        const want = chosen.includes(p.name);
        if (want !== p.enabled) await plugins().setEnabled(call.tenantId, p.name, want, { ...options, em: call.em });
      }
      return { enabled: chosen };
    },
    async status(call) {
      return { plugins: await plugins().statesFor(call.tenantId) };
    },
    async verify(call, answers) {
      if (!answers) return { ok: false, detail: 'No modules chosen' };
      const states = await plugins().statesFor(call.tenantId);
      const chosen = answers.enabled as string[];
      const off = chosen.filter((n) => !states.find((p) => p.name === n)?.enabled);
      return off.length ? { ok: false, detail: `Not enabled: ${off.join(', ')}` } : { ok: true, detail: chosen.length ? `Enabled: ${chosen.join(', ')}` : 'No optional modules' };
    },
  });
}
