import { levelRank, type Broadcast, type LogEntry, type LogLevel, type LogScopeKey, type LogSink } from '@platform/sdk';
import type { DebugWindows } from '../debug/debug-windows.ts';
import type { LoggingMetrics } from '../metrics/logging-metrics.ts';
import type { LiveTailHub } from './live-tail-hub.ts';
import { interestOf, wantedBy, type TailInterest } from './tail-filter.ts';
import { chunkLines, compactForTail } from './tail-line.ts';
import { isKeptRequestLine } from '../storage/request-line-policy.ts';

export const TAIL_CHANNEL = 'logging.tail';
export const TAIL_INTEREST_CHANNEL = 'logging.tail.interest';

const INTEREST_TTL_MS = 30_000;
const HEARTBEAT_MS = 10_000;

interface TailMessage {
  from: string;
  lines: LogEntry[];
  skipped: number;
}

interface InterestMessage {
  from: string;
  /** Increases with every announcement of one instance: NOTIFYs sent on different connections may arrive out of order. */
  seq: number;
  interest: TailInterest | null;
  until: number;
}

/**
 * Live tail across instances, over the platform broadcast (LISTEN/NOTIFY). Instances with open streams
 * announce what they want (tenants, lowest level) every 10 s; every instance, as a log sink, relays the
 * lines some instance wants, shortened and in chunks under NOTIFY's 8 KB, at most `maxLinesPerSecond`
 * (the rest is counted as skipped and reported to the streams; the query API has every line). With no
 * stream open anywhere, the relay costs nothing.
 */
export class LiveTailRelay implements LogSink {
  readonly name = 'live-tail';
  readonly minLevel: LogLevel = 'debug';
  private readonly interests = new Map<string, { interest: TailInterest; until: number }>();
  private readonly lastSeq = new Map<string, number>();
  private seq = 0;
  private heartbeat: NodeJS.Timeout | null = null;
  private budget: { second: number; used: number } = { second: 0, used: 0 };
  private skipped = 0;

  constructor(
    private readonly deps: { instanceId: string; broadcast: Broadcast; hub: LiveTailHub; debug: DebugWindows; metrics: LoggingMetrics; maxLinesPerSecond?: number },
  ) {}

  /** Subscribes to the two channels and announces this instance's interest as its streams change. */
  start(): () => void {
    const offTail = this.deps.broadcast.subscribe(TAIL_CHANNEL, (raw) => {
      const m = raw as TailMessage;
      if (Array.isArray(m?.lines)) this.deps.hub.deliver(m.lines, Number(m.skipped) || 0);
    });
    const offInterest = this.deps.broadcast.subscribe(TAIL_INTEREST_CHANNEL, (raw) => {
      const m = raw as InterestMessage;
      if (!m?.from || (this.lastSeq.get(m.from) ?? -1) >= m.seq) return;
      this.lastSeq.set(m.from, m.seq);
      if (m.interest && m.until > Date.now()) this.interests.set(m.from, { interest: m.interest, until: m.until });
      else this.interests.delete(m.from);
    });
    this.deps.hub.onChange(() => void this.announce());
    return () => {
      offTail();
      offInterest();
      if (this.heartbeat) clearInterval(this.heartbeat);
      this.heartbeat = null;
    };
  }

  /** Whether any instance currently wants lines (tests wait for this after opening a stream elsewhere). */
  hasInterest(now = Date.now()): boolean {
    for (const [from, i] of this.interests) {
      if (i.until > now) return true;
      this.interests.delete(from);
    }
    return false;
  }

  /** Whether some instance's open streams want this line now. */
  wants(e: LogEntry, now = Date.now()): boolean {
    return wantedBy(e, this.liveInterests(now));
  }

  private liveInterests(now: number): TailInterest[] {
    return [...this.interests.values()].filter((i) => i.until > now).map((i) => i.interest);
  }

  accepts(level: LogLevel, scope: LogScopeKey): boolean {
    return this.hasInterest() && (level !== 'debug' || this.deps.debug.isOn(scope));
  }

  async write(entries: LogEntry[]): Promise<void> {
    const now = Date.now();
    const live = this.liveInterests(now);
    if (!live.length) return;
    const wanted = entries.filter((e) => isKeptRequestLine(e) && wantedBy(e, live));
    if (!wanted.length) return;
    const second = Math.floor(now / 1000);
    if (this.budget.second !== second) this.budget = { second, used: 0 };
    const room = Math.max(0, (this.deps.maxLinesPerSecond ?? 500) - this.budget.used);
    // Past the budget, keep the most severe lines.
    const kept = wanted.length <= room ? wanted : [...wanted].sort((a, b) => levelRank(b.level) - levelRank(a.level)).slice(0, room).sort((a, b) => (a.timestamp < b.timestamp ? -1 : 1));
    this.budget.used += kept.length;
    this.skipped += wanted.length - kept.length;
    this.deps.metrics.tailLinesSkipped += wanted.length - kept.length;
    if (!kept.length) return;
    for (const chunk of chunkLines(kept.map(compactForTail))) {
      const skipped = this.skipped;
      this.skipped = 0;
      await this.deps.broadcast.publish(TAIL_CHANNEL, { from: this.deps.instanceId, lines: chunk, skipped } satisfies TailMessage);
      this.deps.metrics.tailLinesRelayed += chunk.length;
    }
  }

  private async announce(): Promise<void> {
    const interest = interestOf(this.deps.hub.filters());
    if (interest && !this.heartbeat) {
      this.heartbeat = setInterval(() => void this.announce(), HEARTBEAT_MS);
      this.heartbeat.unref();
    }
    if (!interest && this.heartbeat) {
      clearInterval(this.heartbeat);
      this.heartbeat = null;
    }
    const message: InterestMessage = { from: this.deps.instanceId, seq: ++this.seq, interest, until: interest ? Date.now() + INTEREST_TTL_MS : 0 };
    await this.deps.broadcast.publish(TAIL_INTEREST_CHANNEL, message).catch(() => undefined);
  }
}
