import { promises as dns } from 'node:dns';

export const RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'NS'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/** Answers as plain strings, whatever the record type. */
export async function resolveAnswers(resolver: dns.Resolver, hostname: string, type: RecordType): Promise<string[]> {
  switch (type) {
    case 'A':
      return resolver.resolve4(hostname);
    case 'AAAA':
      return resolver.resolve6(hostname);
    case 'CNAME':
      return resolver.resolveCname(hostname);
    case 'NS':
      return resolver.resolveNs(hostname);
    case 'MX':
      return (await resolver.resolveMx(hostname)).sort((a, b) => a.priority - b.priority).map((m) => `${m.priority} ${m.exchange}`);
    case 'TXT':
      return (await resolver.resolveTxt(hostname)).map((parts) => parts.join(''));
  }
}

/** Whether an expected value is among the answers (case-insensitive; a trailing dot is ignored). */
export function answersInclude(answers: readonly string[], expected: string): boolean {
  const norm = (s: string) => s.trim().toLowerCase().replace(/\.$/, '');
  return answers.some((a) => norm(a) === norm(expected) || norm(a).endsWith(' ' + norm(expected)));
}
