import type { Database, Logger } from '@platform/sdk';
import type { DefaultTemplate } from './default-templates.ts';
import { checkTemplateContent } from './template-content.ts';
import { claimSeed, findPlatformTemplate, insertTemplate, insertVersion } from './template-store.ts';

/**
 * Seeds each default platform template once per database, safely when several instances boot together:
 * `messaging_template_seeds` remembers what was seeded (claimed in the insert's transaction), so a default
 * an operator archived stays archived and a default added later is seeded on the next boot. A platform
 * template an operator created with that key first is left alone. Returns the keys created.
 */
export async function seedDefaultTemplates(db: Database, defaults: readonly DefaultTemplate[], logger?: Pick<Logger, 'info'>): Promise<string[]> {
  const created: string[] = [];
  for (const seed of defaults) {
    const check = checkTemplateContent(seed.channel, seed.content, seed.variables.map((v) => v.name));
    if (check.issues.length) throw new Error(`default template ${seed.channel}/${seed.key}: ${check.issues[0].field}: ${check.issues[0].message}`);
    const done = await db.system().transactional(async (em) => {
      if (!(await claimSeed(db, em, seed.channel, seed.key))) return false;
      if (await findPlatformTemplate(db, seed.channel, seed.key, em)) return false;
      const id = await insertTemplate(db, em, { tenantId: null, key: seed.key, channel: seed.channel, description: seed.description, variables: seed.variables, defaultLanguage: seed.defaultLanguage, createdBy: null });
      if (!id) return false;
      await insertVersion(db, em, { id, tenantId: null }, seed.defaultLanguage, seed.content, null);
      return true;
    });
    if (done) created.push(`${seed.channel}/${seed.key}`);
  }
  if (created.length) logger?.info({ templates: created }, 'seeded default message templates');
  return created;
}
