export type DigestStatus = 'ok' | 'warning' | 'critical';

export interface DigestItem {
  label: string;
  value?: string;
  detail?: string;
  tenantId?: string;
  status?: DigestStatus;
}

export interface DigestSection {
  id: string;
  label: string;
  status: DigestStatus;
  summary: string;
  items: DigestItem[];
  error?: string;
}

export interface Digest {
  generatedAt: string;
  since: string;
  sections: DigestSection[];
}

export interface DigestSubscription {
  userId: string;
  email: string;
  timeZone: string;
  sections: string[] | null;
  enabled: boolean;
}

export const STATUS_COLORS: Record<DigestStatus, 'success' | 'warning' | 'error'> = { ok: 'success', warning: 'warning', critical: 'error' };

/** The console path of a tenant's 360 page (the drill-down of every tenant line). */
export const customerPath = (tenantId: string) => `/customers/${tenantId}`;
