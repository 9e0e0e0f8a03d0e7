export interface ApiKeyRecord {
  id: string;
  name: string;
  prefix: string;
  permissions: string[];
  tenantId: string | null;
  actOnBehalf?: boolean;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  createdAt: string;
}

export function apiKeyStatus(k: Pick<ApiKeyRecord, 'revokedAt' | 'expiresAt'>, now = Date.now()): 'revoked' | 'expired' | 'active' {
  if (k.revokedAt) return 'revoked';
  if (k.expiresAt && new Date(k.expiresAt).getTime() <= now) return 'expired';
  return 'active';
}

