import { normalizeSubject, type DataSubject } from '@platform/sdk/data-protection';

/** Everything that identifies one person inside one tenant: their emails, phones and user ids. */
export interface SubjectValues {
  emails: string[];
  phones: string[];
  userIds: string[];
}

export function subjectsOf(values: SubjectValues): DataSubject[] {
  return [
    ...values.emails.map((value) => normalizeSubject({ kind: 'email', value })),
    ...values.phones.map((value) => normalizeSubject({ kind: 'phone', value })),
    ...values.userIds.map((value) => ({ kind: 'user_id' as const, value })),
  ];
}
