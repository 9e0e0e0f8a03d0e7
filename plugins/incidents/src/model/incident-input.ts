import { Type } from '@platform/sdk';

const severity = Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal(3), Type.Literal(4)]);
const status = Type.Union([Type.Literal('investigating'), Type.Literal('identified'), Type.Literal('monitoring'), Type.Literal('resolved')]);
const systems = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50, uniqueItems: true });
const tenants = Type.Array(Type.String({ format: 'uuid' }), { maxItems: 1000, uniqueItems: true });
const nullableText = (max: number) => Type.Union([Type.String({ maxLength: max }), Type.Null()]);

export const CreateIncidentInput = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 300 }),
    severity,
    status: Type.Optional(Type.Union([Type.Literal('investigating'), Type.Literal('identified'), Type.Literal('monitoring')])),
    affectedSystems: Type.Optional(systems),
    affectedTenantIds: Type.Optional(tenants),
    statusPageMessage: Type.Optional(nullableText(5000)),
    publishToStatusPage: Type.Optional(Type.Boolean()),
    description: Type.Optional(nullableText(20_000)),
    incidentKey: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    startedAt: Type.Optional(Type.String({ format: 'date-time' })),
    alertIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 50, uniqueItems: true })),
  },
  { additionalProperties: false },
);

export const UpdateIncidentInput = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    severity: Type.Optional(severity),
    affectedSystems: Type.Optional(systems),
    affectedTenantIds: Type.Optional(tenants),
    statusPageMessage: Type.Optional(nullableText(5000)),
    publishToStatusPage: Type.Optional(Type.Boolean()),
    description: Type.Optional(nullableText(20_000)),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const StatusChangeInput = Type.Object({ status, message: Type.Optional(Type.String({ minLength: 1, maxLength: 5000 })) }, { additionalProperties: false });

export const TimelineInput = Type.Object(
  {
    message: Type.String({ minLength: 1, maxLength: 5000 }),
    entryType: Type.Optional(Type.Union([Type.Literal('manual'), Type.Literal('correction')])),
    correctsEntryId: Type.Optional(Type.String({ format: 'uuid' })),
  },
  { additionalProperties: false },
);

export const PostmortemInput = Type.Object(
  {
    whatHappened: Type.Optional(nullableText(20_000)),
    impact: Type.Optional(nullableText(20_000)),
    rootCause: Type.Optional(nullableText(20_000)),
    lessonsLearned: Type.Optional(nullableText(20_000)),
    actionItems: Type.Optional(
      Type.Array(
        Type.Object(
          {
            title: Type.String({ minLength: 1, maxLength: 500 }),
            owner: Type.String({ minLength: 1, maxLength: 200 }),
            dueDate: Type.Optional(Type.Union([Type.String({ format: 'date' }), Type.Null()])),
            status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('in_progress'), Type.Literal('done')])),
          },
          { additionalProperties: false },
        ),
        { maxItems: 100 },
      ),
    ),
  },
  { additionalProperties: false },
);

export const FromAlertInput = Type.Object(
  { alertId: Type.String({ format: 'uuid' }), severity: Type.Optional(severity), title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })) },
  { additionalProperties: false },
);

export const LinkAlertInput = Type.Object({ alertId: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
