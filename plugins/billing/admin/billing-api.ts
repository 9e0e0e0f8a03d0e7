import { useDataProvider, usePermissions, type DataProvider } from 'react-admin';
import { sessionCan, type ConsoleApi, type PlatformSession } from '@platform/sdk/admin';
import { formatMinorUnits } from '@platform/sdk/money';

/** `api(path)` of the console's data provider (paths under `/api`). */
export function useBillingApi(): ConsoleApi['api'] {
  const dataProvider = useDataProvider<DataProvider & ConsoleApi>();
  return dataProvider.api.bind(dataProvider);
}

/** Minor units shown with their currency; integer arithmetic only (the decimal point is placed, never divided). */
export const money = (minor: number, currency: string) => `${currency} ${formatMinorUnits(minor, currency)}`;

export const errorText = (err: unknown) => (err as { body?: { detail?: string }; message?: string })?.body?.detail ?? (err as Error)?.message ?? String(err);

export interface InvoiceLine {
  id: string;
  kind: string;
  description: string;
  quantity: number;
  unitAmountMinor: number;
  amountMinor: number;
}

export interface Invoice {
  id: string;
  tenantId: string;
  number: string | null;
  kind: 'cycle' | 'manual';
  state: 'draft' | 'open' | 'paid' | 'void' | 'uncollectible';
  currency: string;
  periodStart: string | null;
  periodEnd: string | null;
  subtotalMinor: number;
  taxMinor: number;
  totalMinor: number;
  amountPaidMinor: number;
  amountDueMinor: number;
  tax: { label: string | null; rateBp: number; mode: string };
  issuedAt: string | null;
  dueAt: string | null;
  paymentFailures: number;
  lines?: InvoiceLine[];
}

export interface Payment {
  id: string;
  invoiceId: string;
  method: string;
  amountMinor: number;
  currency: string;
  status: string;
  failureReason: string | null;
  reason: string | null;
  createdAt: string;
}

/** The session's permission check and the tenant header staff send (for plain fetches such as the PDF download). */
export function useBillingSession() {
  const { permissions } = usePermissions<PlatformSession>();
  const staff = permissions?.user.kind === 'staff';
  const selection = permissions?.tenantSelection ?? '*';
  const headers: Record<string, string> = staff && selection && selection !== '*' ? { 'X-Tenant-Id': selection } : {};
  return { can: (p: string) => sessionCan(permissions, p), headers, staff };
}

/** Downloads an invoice's PDF (fetch with the session cookie and the tenant header). */
export async function downloadPdf(invoice: Pick<Invoice, 'id' | 'number'>, headers: Record<string, string>): Promise<void> {
  const res = await fetch(`/api/billing/invoices/${invoice.id}/pdf`, { headers, credentials: 'include' });
  if (!res.ok) throw new Error(`The PDF could not be downloaded (${res.status})`);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = `${invoice.number ?? invoice.id}.pdf`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
