import { ProblemError, Type, type PluginContext } from '@platform/sdk';
import { BILLING_PERMISSIONS } from '../billing-permissions.ts';
import { PositiveMinorUnits } from '../money-fields.ts';
import type { CreditNotes } from './credit-notes.ts';

/** `GET /credit-notes` (the tenants the caller may read), `POST /invoices/:id/credit-notes` (staff, with a reason). */
export function addCreditNoteRoutes(ctx: PluginContext, notes: CreditNotes): void {
  ctx.routes.add({
    method: 'GET',
    url: '/credit-notes',
    permission: BILLING_PERMISSIONS.read,
    tenantScoped: false,
    schema: { summary: 'Credit notes (refunds and corrections)', tags: ['billing'], querystring: Type.Object({ invoiceId: Type.Optional(Type.String({ format: 'uuid' })), tenantId: Type.Optional(Type.String({ format: 'uuid' })) }) },
    handler: (req) => {
      const q = req.query as { invoiceId?: string; tenantId?: string };
      return notes.list(req.ctx.tenantsNamed('tenantId', q.tenantId), q.invoiceId);
    },
  });

  ctx.routes.add({
    method: 'POST',
    url: '/invoices/:id/credit-notes',
    permission: BILLING_PERMISSIONS.write,
    tenantScoped: false,
    schema: {
      summary: 'Issue a credit note: a refund of a paid invoice or a correction of an open one',
      tags: ['billing'],
      params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
      body: Type.Object({ kind: Type.Union([Type.Literal('refund'), Type.Literal('correction')]), amountMinor: PositiveMinorUnits, reason: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false }),
    },
    async handler(req, reply) {
      const body = req.body as { kind: 'refund' | 'correction'; amountMinor: number; reason: string };
      if (!body.reason.trim()) throw new ProblemError(400, 'validation_failed', 'A reason is required', { field: 'reason' });
      const note = await notes.issue((req.params as { id: string }).id, req.ctx.nameableTenantIds(), body, (entry, em) => req.ctx.audit(entry, em));
      return reply.status(201).send(note);
    },
  });
}
