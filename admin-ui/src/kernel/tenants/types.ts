export interface Tenant {
  id: string;
  slug: string;
  name: string;
  status: 'provisioning' | 'active' | 'suspended' | 'deleted';
  primaryDomain: string | null;
  locale: string;
  contactName: string | null;
  contactEmail: string | null;
  statusReason: string | null;
  deletedAt: string | null;
  purgeAfter: string | null;
  createdAt: string;
  updatedAt: string;
}

export const TENANT_STATUSES = [
  { id: 'active', name: 'Active' },
  { id: 'provisioning', name: 'Provisioning' },
  { id: 'suspended', name: 'Suspended' },
  { id: 'deleted', name: 'Deleted' },
];
