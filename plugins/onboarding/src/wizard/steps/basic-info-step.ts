import { ProblemError, Type, type PluginContext } from '@platform/sdk';
import { defineOnboardingStep } from '@platform/sdk/onboarding';
import { contrastRatio, MIN_PRIMARY_CONTRAST } from './brand-colors.ts';
import { SLUG_PATTERN, slugAvailability } from './slug-availability.ts';

const HEX_COLOR = '^#[0-9a-fA-F]{6}$';
const DOMAIN = '^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$';
/** An uploaded logo travels as a data URL of a raster or SVG image, at most 256 KB of base64. */
const LOGO_DATA_URL = '^data:image/(png|jpeg|webp|svg\\+xml);base64,[A-Za-z0-9+/]+={0,2}$';

export const BASIC_INFO_SCHEMA = Type.Object(
  {
    name: Type.String({ minLength: 2, maxLength: 120, pattern: '\\S' }),
    slug: Type.String({ pattern: SLUG_PATTERN, maxLength: 40 }),
    domain: Type.Optional(Type.Union([Type.String({ pattern: DOMAIN, maxLength: 253 }), Type.Null()])),
    logoUrl: Type.Optional(Type.Union([Type.String({ pattern: '^https://[^\\s\\u0000]+$', maxLength: 2000 }), Type.Null()])),
    logoDataUrl: Type.Optional(Type.Union([Type.String({ pattern: LOGO_DATA_URL, maxLength: 350_000 }), Type.Null()])),
    primaryColor: Type.String({ pattern: HEX_COLOR }),
    accentColor: Type.String({ pattern: HEX_COLOR }),
  },
  { additionalProperties: false },
);

/**
 * Step 1, basic information: the brand's name, slug (live availability), domain, logo (an https URL or an
 * upload) and colors. Saving renames the tenant (slug and domain included, audited by the kernel).
 */
export function basicInfoStep(ctx: PluginContext) {
  return defineOnboardingStep({
    id: 'basic-info',
    order: 10,
    title: 'Basic information',
    description: 'Brand name, slug, domain, logo and colors',
    skippable: false,
    schema: BASIC_INFO_SCHEMA,
    async check(call, answers) {
      const a = answers as { name: string; slug: string; domain?: string | null; logoUrl?: string | null; logoDataUrl?: string | null; primaryColor: string; accentColor: string };
      if (a.name.includes('\u0000')) throw new ProblemError(400, 'validation_failed', 'The name holds a NUL byte', { field: 'answers.name' });
      const slug = await slugAvailability(ctx.tenants, call.tenantId, a.slug);
      if (!slug.available) throw new ProblemError(slug.reason === 'taken' ? 409 : 400, slug.reason === 'taken' ? 'slug_taken' : 'validation_failed', `The slug "${a.slug}" is ${slug.reason === 'taken' ? 'taken' : slug.reason === 'reserved' ? 'reserved' : 'not valid'}`, { field: 'answers.slug' });
      if (a.logoUrl && a.logoDataUrl) throw new ProblemError(400, 'validation_failed', 'Give a logo URL or upload a logo, not both', { field: 'answers.logoDataUrl' });
      if (a.logoDataUrl && a.logoDataUrl.length > 350_000) throw new ProblemError(400, 'validation_failed', 'The logo is larger than 256 KB', { field: 'answers.logoDataUrl' });
      const contrast = contrastRatio(a.primaryColor, '#ffffff');
      if (contrast < MIN_PRIMARY_CONTRAST) {
        throw new ProblemError(400, 'validation_failed', `White text on ${a.primaryColor} is hard to read (contrast ${contrast.toFixed(2)}:1, at least ${MIN_PRIMARY_CONTRAST}:1 needed); pick a darker primary color`, { field: 'answers.primaryColor' });
      }
      if (a.primaryColor.toLowerCase() === a.accentColor.toLowerCase()) throw new ProblemError(400, 'validation_failed', 'The accent color must differ from the primary color', { field: 'answers.accentColor' });
      try {
        await ctx.tenantProfile.update(call.tenantId, { name: a.name.trim(), slug: a.slug, primaryDomain: a.domain ?? null }, { actorId: call.actor?.id ?? null, actorType: call.actor?.type ?? 'system', actorLabel: call.actor?.email ?? null });
      } catch (err) {
        if (err instanceof ProblemError && err.field) throw new ProblemError(err.status, err.code, err.message, { field: err.field === 'primaryDomain' ? 'answers.domain' : `answers.${err.field}`, extra: err.extra });
        throw err;
      }
      return { ...a, name: a.name.trim(), domain: a.domain ?? null, logoUrl: a.logoUrl ?? null, logoDataUrl: a.logoDataUrl ?? null };
    },
    async verify(call, answers) {
      if (!answers) return { ok: false, detail: 'Not filled in' };
      const tenant = await ctx.tenants.get(call.tenantId);
      const ok = !!tenant && tenant.slug === answers.slug && tenant.name === answers.name;
      return { ok, detail: ok ? `${tenant!.name} at ${tenant!.slug}${tenant!.primaryDomain ? ` (${tenant!.primaryDomain})` : ''}` : 'The tenant no longer has the name and slug chosen here' };
    },
  });
}
