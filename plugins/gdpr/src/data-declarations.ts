import { defineDataDeclarations } from '@platform/sdk/data-protection';

/** The GDPR plugin's own tenant data: the requests (they name the person until done) and the permanent certificates. */
export const gdprDataDeclarations = defineDataDeclarations([
  {
    table: 'gdpr_requests',
    subjects: [
      { column: 'subject_email', kind: 'email' },
      { column: 'verify_email', kind: 'email' },
      { column: 'subject_phone', kind: 'phone' },
    ],
    personalFields: [
      { column: 'subject_email', category: 'contact' },
      { column: 'subject_name', category: 'profile' },
      { column: 'subject_phone', category: 'contact' },
      { column: 'verify_email', category: 'contact' },
      { column: 'requested_by', category: 'activity' },
    ],
    exportOmits: ['verify_token_hash', 'download_token_hash', 'export_blob_key'],
    deletion: { action: 'anonymize' },
    purpose: 'Data-subject requests and their deadlines.',
  },
  {
    table: 'gdpr_certificates',
    personalFields: [],
    deletion: { action: 'retain', legalBasis: 'Proof of erasure (GDPR art. 5(2), 17); holds no personal data', periodDays: 36500 },
    purpose: 'Deletion certificates, kept permanently.',
  },
]);
