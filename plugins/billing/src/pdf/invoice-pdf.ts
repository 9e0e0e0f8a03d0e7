import PDFDocument from 'pdfkit';
import { formatMinorUnits } from '@platform/sdk/money';
import type { InvoiceView } from '../invoices/invoice-view.ts';

/** The standard PDF fonts encode WinAnsi only: map the few typographic characters we write, replace the rest. */
function printable(text: string): string {
  return text
    .replace(/→/g, '->')
    .replace(/[–—]/g, '-')
    .replace(/[^\x20-\x7E\xA0-\xFF]/g, '?');
}

const date = (iso: string | null) => (iso ? iso.slice(0, 10) : '-');

/** An invoice as a PDF (pdfkit, standard Helvetica): header, bill-to, lines, totals, state. Resolves to the bytes. */
export function renderInvoicePdf(invoice: InvoiceView, issuerName: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `Invoice ${invoice.number ?? 'draft'}`, Author: printable(issuerName) } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    const money = (minor: number) => `${invoice.currency} ${formatMinorUnits(minor, invoice.currency)}`;

    doc.fontSize(20).font('Helvetica-Bold').text(invoice.number ? `Invoice ${invoice.number}` : 'Draft invoice');
    doc.moveDown(0.3).fontSize(10).font('Helvetica').text(printable(issuerName));
    if (invoice.state === 'void' || invoice.state === 'paid' || invoice.state === 'uncollectible') doc.moveDown(0.3).font('Helvetica-Bold').text(invoice.state.toUpperCase()).font('Helvetica');
    doc.moveDown();
    const billTo = invoice.billTo as { name?: string | null; email?: string | null; taxId?: string | null; country?: string | null };
    doc.font('Helvetica-Bold').text('Bill to').font('Helvetica');
    for (const line of [billTo.name, billTo.email, billTo.taxId ? `Tax id: ${billTo.taxId}` : null, billTo.country]) if (line) doc.text(printable(line));
    doc.moveDown();
    doc.text(`Issued: ${date(invoice.issuedAt)}    Due: ${date(invoice.dueAt)}`);
    if (invoice.periodStart) doc.text(`Period: ${invoice.periodStart} to ${invoice.periodEnd}`);
    doc.moveDown();

    const cols = { description: 50, quantity: 330, unit: 380, amount: 470 };
    const row = (d: string, q: string, u: string, a: string, bold = false) => {
      const y = doc.y;
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica');
      doc.text(printable(d), cols.description, y, { width: 270 });
      const after = doc.y;
      doc.text(q, cols.quantity, y, { width: 45, align: 'right' });
      doc.text(u, cols.unit, y, { width: 85, align: 'right' });
      doc.text(a, cols.amount, y, { width: 75, align: 'right' });
      doc.x = cols.description;
      doc.y = Math.max(after, doc.y);
    };
    row('Description', 'Qty', 'Unit', 'Amount', true);
    for (const l of invoice.lines ?? []) row(l.description, String(l.quantity), formatMinorUnits(l.unitAmountMinor, invoice.currency), formatMinorUnits(l.amountMinor, invoice.currency));
    doc.moveDown();
    const tax = invoice.tax;
    const taxLabel = `${tax.label ?? 'Tax'} (${(tax.rateBp / 100).toFixed(2)}%, ${tax.mode})`;
    row('Subtotal', '', '', money(invoice.subtotalMinor));
    row(tax.mode === 'inclusive' ? `${taxLabel}, included` : taxLabel, '', '', money(invoice.taxMinor));
    row('Total', '', '', money(invoice.totalMinor), true);
    if (invoice.amountPaidMinor) row('Paid', '', '', money(invoice.amountPaidMinor));
    if (invoice.state === 'open' || invoice.state === 'uncollectible') row('Amount due', '', '', money(invoice.amountDueMinor), true);
    if (invoice.memo) doc.moveDown().font('Helvetica').text(printable(invoice.memo), cols.description);
    doc.end();
  });
}
