import { ProblemError, Type } from '@platform/sdk';
import type { MessageChannel } from '@platform/sdk/messaging';
import { eventPatternProblem } from './event-pattern.ts';
import { payloadPathProblem } from './payload-path.ts';
import { recipientProblem } from './recipient-address.ts';

/** A notification rule as stored and as the API returns it. `tenantId` null: a platform rule. */
export interface NotificationRule {
  id: string;
  tenantId: string | null;
  name: string;
  eventPattern: string;
  channel: MessageChannel;
  templateKey: string;
  /** Explicit recipients: E.164 numbers (sms) or email addresses (email). */
  recipients: string[];
  /** Paths into the event payload naming recipients (`payload.email`), read when the event arrives. */
  recipientPaths: string[];
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export type NotificationRuleInput = Pick<NotificationRule, 'name' | 'eventPattern' | 'channel' | 'templateKey' | 'recipients' | 'recipientPaths' | 'enabled'>;

export const MAX_RULE_RECIPIENTS = 50;

const fields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  eventPattern: Type.String({ minLength: 1, maxLength: 200 }),
  channel: Type.Union([Type.Literal('sms'), Type.Literal('email')]),
  templateKey: Type.String({ minLength: 1, maxLength: 200 }),
  recipients: Type.Array(Type.String({ maxLength: 254 }), { maxItems: MAX_RULE_RECIPIENTS }),
  recipientPaths: Type.Array(Type.String({ maxLength: 200 }), { maxItems: 10 }),
  enabled: Type.Boolean(),
};

/** Create: `tenantId` absent means the caller's tenant (a platform rule for staff with no tenant selected); null a platform rule. */
export const CreateRuleBody = Type.Object(
  {
    tenantId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
    name: fields.name,
    eventPattern: fields.eventPattern,
    channel: fields.channel,
    templateKey: fields.templateKey,
    recipients: Type.Optional(fields.recipients),
    recipientPaths: Type.Optional(fields.recipientPaths),
    enabled: Type.Optional(fields.enabled),
  },
  { additionalProperties: false },
);

/** Update: any of the fields; the rule's tenant never changes. */
export const UpdateRuleBody = Type.Object(
  {
    name: Type.Optional(fields.name),
    eventPattern: Type.Optional(fields.eventPattern),
    channel: Type.Optional(fields.channel),
    templateKey: Type.Optional(fields.templateKey),
    recipients: Type.Optional(fields.recipients),
    recipientPaths: Type.Optional(fields.recipientPaths),
    enabled: Type.Optional(fields.enabled),
  },
  { additionalProperties: false },
);

const TEMPLATE_KEY = /^[a-z0-9][a-z0-9._-]*$/;

function invalid(field: string, detail: string): ProblemError {
  return new ProblemError(400, 'validation_failed', `${field} ${detail}`, { field });
}

/**
 * The checks the schema cannot make: the pattern's segments, the template key's form, each recipient against
 * the channel (E.164 through libphonenumber-js, email addresses), each payload path, and at least one recipient.
 * Throws a 400 naming the first bad field (`recipients[2]`). Returns the input with recipients trimmed and deduplicated.
 */
export function checkRuleInput(input: NotificationRuleInput): NotificationRuleInput {
  const patternProblem = eventPatternProblem(input.eventPattern);
  if (patternProblem) throw invalid('eventPattern', patternProblem);
  if (!TEMPLATE_KEY.test(input.templateKey)) throw invalid('templateKey', 'must be lower-case letters, digits, dots, dashes or underscores');
  const recipients = input.recipients.map((r) => r.trim());
  recipients.forEach((r, i) => {
    const problem = recipientProblem(input.channel, r);
    if (problem) throw invalid(`recipients[${i}]`, problem);
  });
  input.recipientPaths.forEach((p, i) => {
    const problem = payloadPathProblem(p);
    if (problem) throw invalid(`recipientPaths[${i}]`, problem);
  });
  if (recipients.length + input.recipientPaths.length === 0) throw invalid('recipients', 'or recipientPaths must name at least one recipient');
  return { ...input, recipients: [...new Set(recipients)], recipientPaths: [...new Set(input.recipientPaths)] };
}
