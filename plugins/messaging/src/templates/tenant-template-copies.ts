import type { Database, TenantInfo } from '@platform/sdk';
import type { MessageChannel } from '@platform/sdk/messaging';
import { currentVersions, findPlatformTemplate, insertTemplate, insertVersion } from './template-store.ts';

/**
 * The platform templates a new tenant gets its own copy of: the messages its customers and users receive (invoice,
 * invitation, low credits), which a tenant brands. A copy overrides the platform template for that tenant only; the
 * platform's operational templates (alerts, password resets) are not copied.
 */
export interface TenantTemplateCopy {
  channel: MessageChannel;
  key: string;
}

export const TENANT_TEMPLATE_COPIES: readonly TenantTemplateCopy[] = [
  { channel: 'email', key: 'invitation' },
  { channel: 'email', key: 'invoice.issued' },
  { channel: 'email', key: 'credits.low' },
];

/**
 * Copies each listed platform template (with the current version of every language) to the tenant, each once per
 * tenant (`onTenantProvisioned`): the claim in `messaging_tenant_template_seeds` and the copy are one transaction,
 * so a re-run after a failure adds nothing twice and a copy the tenant archived stays archived. A template the
 * platform does not have (archived by an operator) is skipped; one the tenant already has is kept. Returns the
 * `channel/key` of the copies made.
 */
export async function copyDefaultTemplatesToTenant(db: Database, tenant: TenantInfo, copies: readonly TenantTemplateCopy[] = TENANT_TEMPLATE_COPIES): Promise<string[]> {
  const created: string[] = [];
  for (const { channel, key } of copies) {
    const made = await db.system().transactional(async (em) => {
      const claimed = await db.sql(
        'INSERT INTO messaging_tenant_template_seeds (tenant_id, channel, key) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING key',
        [tenant.id, channel, key],
        em,
      );
      if (claimed.length === 0) return false;
      const platform = await findPlatformTemplate(db, channel, key, em);
      if (!platform) return false;
      const id = await insertTemplate(db, em, {
        tenantId: tenant.id, key, channel, description: platform.description, variables: platform.variables, defaultLanguage: platform.defaultLanguage, createdBy: null,
      });
      if (!id) return false;
      const versions = (await currentVersions(db, [platform.id], em)).get(platform.id) ?? new Map();
      for (const [language, v] of versions) {
        await insertVersion(db, em, { id, tenantId: tenant.id }, language, { body: v.body ?? undefined, subject: v.subject ?? undefined, html: v.html ?? undefined, text: v.text ?? undefined, partials: v.partials }, null);
      }
      await db.sql('UPDATE messaging_tenant_template_seeds SET template_id = $4 WHERE tenant_id = $1 AND channel = $2 AND key = $3', [tenant.id, channel, key, id], em);
      return true;
    });
    if (made) created.push(`${channel}/${key}`);
  }
  return created;
}
