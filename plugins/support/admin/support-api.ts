import { useDataProvider, type DataProvider } from 'react-admin';
import type { ConsoleApi } from '@platform/sdk/admin';

/** `api(path)` of the console's data provider (paths under `/api`, session and tenant selection included). */
export function useSupportApi(): ConsoleApi['api'] {
  const dataProvider = useDataProvider<DataProvider & ConsoleApi>();
  return dataProvider.api.bind(dataProvider);
}

export const STATUS_CHOICES = [
  { id: 'open', name: 'Open' },
  { id: 'pending', name: 'Pending (waiting for the tenant)' },
  { id: 'on_hold', name: 'On hold' },
  { id: 'solved', name: 'Solved' },
  { id: 'closed', name: 'Closed' },
];
export const PRIORITY_CHOICES = [
  { id: 'urgent', name: 'Urgent' },
  { id: 'high', name: 'High' },
  { id: 'normal', name: 'Normal' },
  { id: 'low', name: 'Low' },
];
export const CATEGORY_CHOICES = [
  { id: 'problem', name: 'Something does not work' },
  { id: 'question', name: 'Question' },
  { id: 'billing', name: 'Billing' },
  { id: 'account', name: 'Account' },
  { id: 'feature_request', name: 'Feature request' },
  { id: 'other', name: 'Other' },
];

export interface SlaTimer {
  dueAt: string;
  metAt: string | null;
  breached: boolean;
  remainingMinutes: number | null;
  /** Stopped while the ticket waits on the customer. */
  paused?: boolean;
}

export interface TicketRow {
  id: string;
  tenantId: string;
  number: number;
  subject: string;
  body: string;
  category: string;
  priority: string;
  status: string;
  reporterUserId: string | null;
  reporterEmail: string | null;
  reporterName: string | null;
  assigneeUserId: string | null;
  assigneeLabel: string | null;
  lastActivityAt: string;
  createdAt: string;
  sla: { firstResponse: SlaTimer; resolution: SlaTimer; breached: boolean };
}

export interface TicketMessage {
  id: string;
  authorKind: 'tenant' | 'staff';
  authorLabel: string | null;
  body: string;
  internal: boolean;
  createdAt: string;
}

export interface TicketAttachment {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  uploadedByKind: 'tenant' | 'staff';
  createdAt: string;
}

export type SnapshotSection<T> = { status: 'ok'; data: T } | { status: 'unavailable'; reason: string } | { status: 'failed'; error: string };

export interface Snapshot {
  id: string;
  takenAt: string;
  takenByLabel: string | null;
  redactedCount: number;
  sections: {
    health: SnapshotSection<{ status: string; scheduler?: { alive: boolean; lastBeatAt: string | null }; components: { name: string; tier: string; status: string; responseTimeMs: number | null; lastCheckedAt: string | null }[] }>;
    errors: SnapshotSection<{ id: string; timestamp: string; service: string; action: string; message: string; requestId: string | null; error: { type: string; message: string; code: string | null } | null }[]>;
    flags: SnapshotSection<{ userId: string | null; evaluations: { key: string; enabled: boolean; value: unknown; variant: string | null; reason: string; rule: string }[] }>;
    plan: SnapshotSection<{ plan: { plan: { key: string; name: string } | null; inTrial: boolean; trialEndsAt: string | null; billingPeriod: { start: string; end: string } | null }; usage: { meter: string; label: string; unit: string | null; used: number; limit: number | null; status: string }[] }>;
    audit: SnapshotSection<{ id: string; at: string; actorLabel: string | null; actorType: string; action: string; targetType: string | null; targetId: string | null; requestId: string | null }[]>;
  };
}

export interface TicketDetail extends TicketRow {
  messages: TicketMessage[];
  attachments: TicketAttachment[];
  snapshots?: Snapshot[];
}

/** Uploads a file as the raw body (the server sniffs its type); the console's session cookie authenticates. */
export async function uploadAttachment(side: 'tickets' | 'queue', ticketId: string, file: File): Promise<TicketAttachment> {
  const res = await fetch(`/api/support/${side}/${encodeURIComponent(ticketId)}/attachments?filename=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    body: file,
    credentials: 'include',
    headers: { 'content-type': 'application/octet-stream', accept: 'application/json' },
  });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error((body as { detail?: string }).detail ?? `Upload failed (${res.status})`);
  return body as TicketAttachment;
}

export function attachmentUrl(side: 'tickets' | 'queue', ticketId: string, attachmentId: string): string {
  return `/api/support/${side}/${encodeURIComponent(ticketId)}/attachments/${encodeURIComponent(attachmentId)}`;
}

export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
