import { ProblemError, Type, type PlatformRequest } from '@platform/sdk';
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

/** What step 5 needs of onboarding's invitations (`InvitationService`): invite addresses with a role, as the request's caller. */
export interface TeamInviter {
  inviteFromRequest(req: PlatformRequest, input: { emails: readonly string[]; role: string }): Promise<{ id: string; email: string }[]>;
  /** The tenant's pending invitations of these addresses (lower-cased address → invitation id). */
  pendingInvitations(tenantId: string, emails: readonly string[]): Promise<Map<string, string>>;
}

interface InvitationAnswer {
  email: string;
  role: string;
  invitationId?: string;
}

/**
 * Step 5, invite the team (optional): each address gets an invitation (a single-use link by email, through
 * onboarding's invitations); saving the list again invites only the addresses not invited yet.
 */
export function teamStep(inviter: () => TeamInviter) {
  return defineOnboardingStep({
    id: 'team',
    order: 50,
    title: 'Invite your team',
    description: 'Invite the people who run the brand with you',
    skippable: true,
    schema: TEAM_SCHEMA,
    async check(call, answers) {
      const list = (answers.invitations as InvitationAnswer[]).map((inv) => ({ email: inv.email.toLowerCase(), role: inv.role }));
      const seen = new Set<string>();
      list.forEach((inv, i) => {
        if (seen.has(inv.email)) throw new ProblemError(400, 'validation_failed', `${inv.email} is listed twice`, { field: `answers.invitations.${i}.email` });
        if (call.actor?.email && inv.email === call.actor.email.toLowerCase()) throw new ProblemError(400, 'validation_failed', 'You are already on the team', { field: `answers.invitations.${i}.email` });
        seen.add(inv.email);
      });
      const before = ((call.answers.team?.invitations as InvitationAnswer[] | undefined) ?? []).filter((x) => x.invitationId);
      const invited = new Map(before.map((x) => [x.email, x.invitationId!]));
      // Invitations commit on their own (their emails go out after): a save that failed after inviting left them
      // pending without the session knowing. Saving again adopts them instead of inviting twice.
      const pending = await inviter().pendingInvitations(call.tenantId, list.filter((inv) => !invited.has(inv.email)).map((inv) => inv.email));
      for (const [email, id] of pending) invited.set(email, id);
      const byRole = new Map<string, number[]>();
      list.forEach((inv, i) => {
        if (!invited.has(inv.email)) byRole.set(inv.role, [...(byRole.get(inv.role) ?? []), i]);
      });
      for (const [role, indexes] of byRole) {
        try {
          const created = await inviter().inviteFromRequest(call.request, { emails: indexes.map((i) => list[i].email), role });
          for (const c of created) invited.set(c.email.toLowerCase(), c.id);
        } catch (err) {
          // The invitations name `emails.<i>` of this role's addresses: point at the row of the wizard's list.
          const at = err instanceof ProblemError ? err.field?.match(/^emails\.(\d+)$/) : null;
          if (at && err instanceof ProblemError) throw new ProblemError(err.status, err.code, err.message, { field: `answers.invitations.${indexes[Number(at[1])]}.email`, extra: err.extra });
          throw err;
        }
      }
      return { invitations: list.map((inv) => ({ ...inv, invitationId: invited.get(inv.email) ?? null })) };
    },
    async verify(_call, answers) {
      const list = (answers?.invitations as InvitationAnswer[] | undefined) ?? [];
      const sent = list.filter((x) => x.invitationId).length;
      return { ok: !!answers && sent === list.length, detail: answers ? `${sent} ${sent === 1 ? 'person' : 'people'} invited` : 'Nobody invited' };
    },
  });
}
