import type { PluginManifest } from '@platform/sdk';
import type { DataDeclarationRegistry, DeclaredTenantData, PersonalDataCategory } from '@platform/sdk/data-protection';
import { KernelError } from '../errors.ts';
import { kernelDataDeclarations } from './kernel-data-declarations.ts';

const CATEGORY_ORDER: PersonalDataCategory[] = ['profile', 'contact', 'billing', 'tickets', 'activity', 'content', 'technical'];

/** The kernel's declarations and every loaded plugin's; a table declared twice stops the boot. */
export function createDataDeclarationRegistry(plugins: PluginManifest[]): DataDeclarationRegistry {
  const all: DeclaredTenantData[] = [
    ...kernelDataDeclarations.map((d) => ({ ...d, plugin: 'kernel' })),
    ...plugins.flatMap((p) => (p.data ?? []).map((d) => ({ ...d, plugin: p.name }))),
  ];
  const byTable = new Map<string, DeclaredTenantData>();
  for (const d of all) {
    const earlier = byTable.get(d.table);
    if (earlier) throw new KernelError('data_declaration_duplicate', `table "${d.table}" is declared by both "${earlier.plugin}" and "${d.plugin}"`);
    byTable.set(d.table, Object.freeze(d));
  }
  const categories = CATEGORY_ORDER.filter((c) => all.some((d) => d.personalFields.some((f) => f.category === c)));
  return {
    list: () => [...byTable.values()],
    forTable: (table) => byTable.get(table),
    forPlugin: (plugin) => [...byTable.values()].filter((d) => d.plugin === plugin),
    categories: () => [...categories],
  };
}
