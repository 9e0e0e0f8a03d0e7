import { Type } from '@platform/sdk';
import { TemplateVariablesSchema } from './template-variables.ts';

/**
 * Request bodies of the template routes. Content parts carry no size limit here: the checks refuse an
 * oversized part with 400 `template_too_large` naming it, within the route's body limit.
 */
const Part = Type.Optional(Type.Union([Type.String(), Type.Null()]));
const Partials = Type.Optional(Type.Record(Type.String(), Type.String()));
const Language = Type.Optional(Type.String({ maxLength: 64 }));
const Channel = Type.Union([Type.Literal('sms'), Type.Literal('email')]);

const contentFields = { body: Part, subject: Part, html: Part, text: Part, partials: Partials };

export const TEMPLATE_KEY = '^[a-z][a-z0-9_.-]{0,99}$';

export const TemplateCreateSchema = Type.Object(
  {
    key: Type.String({ pattern: TEMPLATE_KEY, description: 'e.g. `invoice.issued`: lower case, digits, `_ . -`' }),
    channel: Channel,
    description: Type.Optional(Type.String({ maxLength: 500 })),
    variables: Type.Optional(TemplateVariablesSchema),
    defaultLanguage: Language,
    language: Language,
    tenantId: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    ...contentFields,
  },
  { additionalProperties: false },
);

export const TemplateUpdateSchema = Type.Object(
  {
    key: Type.Optional(Type.String()),
    channel: Type.Optional(Channel),
    description: Type.Optional(Type.String({ maxLength: 500 })),
    variables: Type.Optional(TemplateVariablesSchema),
    defaultLanguage: Language,
    language: Language,
    ...contentFields,
  },
  { additionalProperties: false },
);

export const TemplatePreviewSchema = Type.Object(
  { data: Type.Optional(Type.Record(Type.String(), Type.Unknown())), language: Language },
  { additionalProperties: false },
);

export const TemplateValidateSchema = Type.Object(
  {
    /** Validate against a saved template's channel and variables (unless given here). */
    templateId: Type.Optional(Type.String({ format: 'uuid' })),
    channel: Type.Optional(Channel),
    variables: Type.Optional(TemplateVariablesSchema),
    data: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    ...contentFields,
  },
  { additionalProperties: false },
);

/** Largest request body: four 64 KB parts and twenty 64 KB partials, JSON-escaped. */
export const TEMPLATE_BODY_LIMIT = 4 * 1024 * 1024;
