import { ProblemError, Type } from '@platform/sdk';
import { TICKET_PRIORITIES } from '../support-settings.ts';
import { TICKET_STATUSES } from './ticket-status.ts';
import { TICKET_CATEGORIES } from './ticket-store.ts';

const literals = <T extends readonly string[]>(values: T, description: string) => Type.Union(values.map((v) => Type.Literal(v)), { description });

export const Priority = literals(TICKET_PRIORITIES, 'low, normal, high or urgent (sets the SLA targets)');
export const Status = literals(TICKET_STATUSES, 'open, pending, on_hold, solved or closed');
export const Category = literals(TICKET_CATEGORIES, 'question, problem, billing, feature_request, account or other');

export const MAX_SUBJECT = 200;
export const MAX_BODY = 20_000;

export const NewTicketBody = Type.Object(
  {
    subject: Type.String({ minLength: 1, maxLength: MAX_SUBJECT }),
    body: Type.String({ minLength: 1, maxLength: MAX_BODY }),
    category: Category,
    priority: Type.Optional(Priority),
  },
  { additionalProperties: false },
);

export const TenantReplyBody = Type.Object({ body: Type.String({ minLength: 1, maxLength: MAX_BODY }) }, { additionalProperties: false });

export const StaffReplyBody = Type.Object(
  {
    body: Type.String({ minLength: 1, maxLength: MAX_BODY }),
    internal: Type.Optional(Type.Boolean({ description: 'A staff-only note the tenant never sees' })),
    status: Type.Optional(Status),
  },
  { additionalProperties: false },
);

export const StaffChangeBody = Type.Object(
  {
    status: Type.Optional(Status),
    priority: Type.Optional(Priority),
    assigneeUserId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()], { description: 'A staff user who works the queue; null unassigns' })),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const TicketIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** Refuses text that is only whitespace (TypeBox's minLength counts spaces). */
export function requireText(field: string, value: string): string {
  if (!value.trim()) throw new ProblemError(400, 'validation_failed', `${field} must not be blank`, { field });
  return value;
}
