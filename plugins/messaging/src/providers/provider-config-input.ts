import { Type } from '@platform/sdk';

/** What a client sends to create a provider configuration (the config is checked against the provider's schema). */
export const CreateProviderConfigInput = Type.Object(
  {
    channel: Type.Union([Type.Literal('sms'), Type.Literal('email')]),
    providerId: Type.String({ minLength: 1, maxLength: 63 }),
    name: Type.String({ minLength: 1, maxLength: 120 }),
    config: Type.Record(Type.String(), Type.Unknown(), { default: {} }),
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

/** An edit: channel and provider stay; a secret sent back masked keeps its stored value. */
export const UpdateProviderConfigInput = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    config: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: true },
);

export interface CreateProviderConfig {
  channel: 'sms' | 'email';
  providerId: string;
  name: string;
  config?: Record<string, unknown>;
  enabled?: boolean;
}

export interface UpdateProviderConfig {
  name?: string;
  config?: Record<string, unknown>;
  enabled?: boolean;
}
