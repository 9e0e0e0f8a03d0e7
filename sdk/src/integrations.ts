import type { Static, TObject } from '@sinclair/typebox';
import { defineExtensionPoint, type ExtensionPoint } from './plugin.ts';
import { resolveMonitorConfig } from './monitors.ts';
import { runTimedAttempt, scrubSecrets, secretValuesOf, type TimedAttempt } from './timed-attempt.ts';

/**
 * Integration types: third-party services a tenant connects (Slack, Shopify, ...), offered in the marketplace's
 * integrations catalog. The `marketplace` plugin owns {@link INTEGRATION_TYPES}; a plugin contributes a type in
 * `boot()` (with `dependsOn: ['marketplace']`):
 *
 * ```ts
 * const slack = defineIntegration({
 *   id: 'slack-webhook', name: 'Slack incoming webhook',
 *   configSchema: Type.Object({ webhookUrl: Secret(Type.String({ pattern: '^https?://' })) }),
 *   async validateCredentials(ctx) {
 *     const res = await ctx.fetch(ctx.config.webhookUrl, { method: 'POST', body: JSON.stringify({ text: 'Connected' }) });
 *     if (!res.ok) throw new IntegrationCredentialsError(`Slack answered ${res.status}`, 'webhookUrl');
 *     return { detail: 'message posted' };
 *   },
 * });
 * ctx.extensions.contribute(INTEGRATION_TYPES, { integration: slack, plugin: ctx.plugin.name });
 * ```
 *
 * A tenant's credentials are validated at save by `validateCredentials` (a real call to the provider at the
 * configured base URL), stored with their `Secret()` fields sealed by the kernel, and never shown again.
 */

/** What `validateCredentials` gets: the validated configuration (defaults applied) and a `fetch` bound to the attempt's timeout. */
export interface IntegrationContext<C = Record<string, unknown>> extends TimedAttempt {
  config: C;
  tenantId: string;
}

export interface IntegrationDefinition<S extends TObject = TObject> {
  /** kebab-case, unique. */
  id: string;
  name: string;
  description?: string;
  /** Mark credentials with `Secret()`; a `baseUrl` with the provider's public default keeps tests local. */
  configSchema: S;
  /** Per validation; default 10 s. */
  timeoutMs?: number;
  /** Calls the provider with the credentials; throws ({@link IntegrationCredentialsError} naming the field) when they are refused. */
  validateCredentials(ctx: IntegrationContext<Static<S>>): Promise<{ detail?: string }>;
}

/** The provider refused the credentials (or they are unusable): the save is refused with a 400 naming `field`. */
export class IntegrationCredentialsError extends Error {
  override readonly name = 'IntegrationCredentialsError';
  constructor(message: string, readonly field?: string) {
    super(message);
  }
}

export interface IntegrationRegistration {
  integration: IntegrationDefinition<any>;
  plugin: string;
}

/** Owned by the `marketplace` plugin. */
export const INTEGRATION_TYPES: ExtensionPoint<IntegrationRegistration> = defineExtensionPoint<IntegrationRegistration>('marketplace.integration-types');

const INTEGRATION_ID = /^[a-z][a-z0-9-]{0,62}$/;

export function defineIntegration<S extends TObject>(definition: IntegrationDefinition<S>): IntegrationDefinition<S> {
  if (!INTEGRATION_ID.test(definition.id)) throw new Error(`integration id "${definition.id}" must be kebab-case`);
  return definition;
}

export const DEFAULT_INTEGRATION_TIMEOUT_MS = 10_000;

export type CredentialValidation =
  | { ok: true; config: Record<string, unknown>; detail: string | null }
  | { ok: false; field: string; message: string; kind: 'invalid' | 'refused' | 'unreachable' };

/**
 * Validates `values` against the type's schema (`invalid`, naming the field), then calls `validateCredentials`
 * under the timeout: a thrown {@link IntegrationCredentialsError} is `refused`, anything else (network, timeout)
 * `unreachable`. Secret values are scrubbed from messages. Never throws.
 */
export async function validateIntegrationCredentials(
  integration: IntegrationDefinition<any>,
  tenantId: string,
  values: Record<string, unknown>,
): Promise<CredentialValidation> {
  const resolved = resolveMonitorConfig(integration.configSchema, values);
  if (!resolved.ok) return { ok: false, field: resolved.field, message: resolved.problem, kind: 'invalid' };
  const config = resolved.config as Record<string, unknown>;
  const secrets = secretValuesOf(integration.configSchema, config);
  const outcome = await runTimedAttempt(integration.timeoutMs ?? DEFAULT_INTEGRATION_TIMEOUT_MS, (attempt) => integration.validateCredentials({ ...attempt, config, tenantId }));
  if (outcome.ok) return { ok: true, config, detail: outcome.value?.detail ?? null };
  const err = outcome.error;
  if (err instanceof IntegrationCredentialsError) return { ok: false, field: err.field ?? 'config', message: scrubSecrets(err.message, secrets).slice(0, 500), kind: 'refused' };
  return { ok: false, field: 'config', message: scrubSecrets(outcome.description, secrets).slice(0, 500), kind: 'unreachable' };
}
