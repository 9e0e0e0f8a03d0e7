export type DeliveryStatus = 'accepted' | 'bad_signature' | 'rejected';

export interface IntegrationRow {
  id: string;
  tenant_id: string;
  type: string;
  name: string;
  config: Record<string, unknown>;
  enabled: boolean;
  validated_at: Date | string;
  validation_detail: string | null;
  webhook_token: string;
  webhook_secret: Record<string, unknown>;
  last_delivery_at: Date | string | null;
  last_delivery_status: DeliveryStatus | null;
  last_delivery_error: string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

/** What the API shows of a tenant's integration: secrets masked, the webhook URL, the last delivery. */
export interface IntegrationView {
  id: string;
  tenantId: string;
  type: string;
  name: string;
  config: Record<string, unknown>;
  enabled: boolean;
  validatedAt: string;
  validationDetail: string | null;
  webhookUrl: string;
  lastDelivery: { at: string; status: DeliveryStatus; error: string | null } | null;
  createdAt: string;
  updatedAt: string;
}

export interface DeliveryView {
  id: string;
  integrationId: string;
  receivedAt: string;
  status: DeliveryStatus;
  error: string | null;
  payload: string | null;
  sizeBytes: number;
}

const iso = (v: Date | string): string => new Date(v).toISOString();

export function integrationView(row: IntegrationRow, maskedConfig: Record<string, unknown>, hookBaseUrl: string): IntegrationView {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    type: row.type,
    name: row.name,
    config: maskedConfig,
    enabled: row.enabled,
    validatedAt: iso(row.validated_at),
    validationDetail: row.validation_detail,
    webhookUrl: `${hookBaseUrl}/${row.webhook_token}`,
    lastDelivery: row.last_delivery_at && row.last_delivery_status ? { at: iso(row.last_delivery_at), status: row.last_delivery_status, error: row.last_delivery_error } : null,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export function deliveryView(row: Record<string, any>): DeliveryView {
  return { id: row.id, integrationId: row.integration_id, receivedAt: iso(row.received_at), status: row.status, error: row.error ?? null, payload: row.payload ?? null, sizeBytes: Number(row.size_bytes) };
}
