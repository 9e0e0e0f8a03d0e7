export interface PluginRecord {
  id: string;
  name: string;
  version: string;
  description?: string | null;
  scope: 'platform' | 'tenant';
  dependsOn: string[];
  /** For the selected tenant (null or absent at platform level). */
  enabled: boolean | null;
  hasSettings?: boolean;
  defaultEnabled?: boolean;
  permissions: { key: string; label: string }[];
  nav: { id: string; label: string; path: string; icon?: string; section?: string; order?: number; permission?: string }[];
}
