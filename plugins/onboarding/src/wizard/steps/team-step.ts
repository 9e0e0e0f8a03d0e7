import { ProblemError, Type } from '@platform/sdk';
import { defineOnboardingStep } from '@platform/sdk/onboarding';

const EMAIL = '^[^\\s@\\u0000]{1,64}@[^\\s@\\u0000]{1,255}\\.[^\\s@\\u0000]{2,63}$';

export const TEAM_SCHEMA = Type.Object(
  {
    invitations: Type.Array(
      Type.Object({ email: Type.String({ pattern: EMAIL, maxLength: 320 }), role: Type.Union([Type.Literal('tenant_admin'), Type.Literal('tenant_member')]) }, { additionalProperties: false }),
      { maxItems: 50 },
    ),
  },
  { additionalProperties: false },
);

/** Step 5, invite the team: the list of people and roles (optional). */
export function teamStep() {
  return defineOnboardingStep({
    id: 'team',
    order: 50,
    title: 'Invite your team',
    description: 'Invite the people who run the brand with you',
    skippable: true,
    schema: TEAM_SCHEMA,
    async save(call, answers) {
      const list = answers.invitations as { email: string; role: string }[];
      const seen = new Set<string>();
      list.forEach((inv, i) => {
        const email = inv.email.toLowerCase();
        if (seen.has(email)) throw new ProblemError(400, 'validation_failed', `${inv.email} is listed twice`, { field: `answers.invitations.${i}.email` });
        if (call.actor?.email && email === call.actor.email.toLowerCase()) throw new ProblemError(400, 'validation_failed', 'You are already on the team', { field: `answers.invitations.${i}.email` });
        seen.add(email);
      });
      return { invitations: list.map((inv) => ({ email: inv.email.toLowerCase(), role: inv.role })) };
    },
    async verify(_call, answers) {
      const list = (answers?.invitations as unknown[]) ?? [];
      return { ok: !!answers, detail: answers ? `${list.length} ${list.length === 1 ? 'person' : 'people'} invited` : 'Nobody invited' };
    },
  });
}
