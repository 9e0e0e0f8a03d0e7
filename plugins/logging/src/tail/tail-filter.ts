import { levelRank, type LogEntry, type LogLevel } from '@platform/sdk';

/** What one live-tail subscriber wants; `tenantId` set means that tenant only (always set for tenant users). */
export interface TailFilter {
  tenantId: string | null;
  levels: LogLevel[] | null;
  service: string | null;
  action: string | null;
  userId: string | null;
  requestId: string | null;
  /** Lower-cased words that must all appear in the message. */
  words: string[];
}

/** Whitespace and the separators a stored search splits paths and dotted names on (migration 0002). */
const WORD_SEPARATORS = /[\s/?=&#:.]+/;

export function tailFilterOf(input: Omit<TailFilter, 'words'> & { text: string | null }): TailFilter {
  const { text, ...rest } = input;
  return { ...rest, words: text ? text.toLowerCase().split(WORD_SEPARATORS).filter(Boolean) : [] };
}

export function matchesTail(e: LogEntry, f: TailFilter): boolean {
  if (f.tenantId !== null && e.tenantId !== f.tenantId) return false;
  if (f.levels && !f.levels.includes(e.level)) return false;
  if (f.service !== null && e.service !== f.service) return false;
  if (f.action !== null && e.action !== f.action) return false;
  if (f.userId !== null && e.userId !== f.userId) return false;
  if (f.requestId !== null && e.requestId !== f.requestId) return false;
  if (f.words.length) {
    const m = e.message.toLowerCase();
    for (const w of f.words) if (!m.includes(w)) return false;
  }
  return true;
}

/** What an instance tells the others it wants relayed: the union of its subscribers' filters. */
export interface TailInterest {
  /** Tenants wanted, or `*` when some subscriber reads every tenant. */
  tenants: string[] | '*';
  minLevel: LogLevel;
}

export function interestOf(filters: TailFilter[]): TailInterest | null {
  if (!filters.length) return null;
  const tenants = filters.some((f) => f.tenantId === null) ? '*' : [...new Set(filters.map((f) => f.tenantId as string))];
  let minLevel: LogLevel = 'error';
  for (const f of filters) for (const l of f.levels ?? (['debug'] as LogLevel[])) if (levelRank(l) < levelRank(minLevel)) minLevel = l;
  return { tenants, minLevel };
}

/** Whether a line is wanted by any of these interests. */
export function wantedBy(e: LogEntry, interests: Iterable<TailInterest>): boolean {
  for (const i of interests) {
    if (levelRank(e.level) < levelRank(i.minLevel)) continue;
    if (i.tenants === '*' || (e.tenantId !== null && i.tenants.includes(e.tenantId))) return true;
  }
  return false;
}
