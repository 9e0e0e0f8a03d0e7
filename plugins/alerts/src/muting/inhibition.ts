import { severityRank, type AlertSeverity } from '@platform/sdk/alert-channels';

export interface InhibitionSubject {
  fingerprint: string;
  severity: AlertSeverity;
  component: string | null;
  labels: Record<string, string>;
  tenantId: string | null;
  /** Only firing alerts inhibit. */
  firing: boolean;
}

/**
 * Whether `source` (firing, more severe) mutes `target`. They must be about the same thing: the same
 * tenant; the same component when both name one, else the source's labels (at least one) all present
 * with equal values on the target; and no label they share may differ.
 */
export function inhibits(source: InhibitionSubject, target: InhibitionSubject): boolean {
  if (!source.firing || source.fingerprint === target.fingerprint) return false;
  if (severityRank(source.severity) <= severityRank(target.severity)) return false;
  if ((source.tenantId ?? null) !== (target.tenantId ?? null)) return false;
  for (const [k, v] of Object.entries(source.labels)) if (k in target.labels && target.labels[k] !== v) return false;
  if (source.component && target.component) return source.component === target.component;
  const sourceKeys = Object.keys(source.labels);
  return sourceKeys.length > 0 && sourceKeys.every((k) => target.labels[k] === source.labels[k]);
}

/** The firing alert that inhibits `target`, if any. */
export function inhibitorOf<T extends InhibitionSubject>(target: InhibitionSubject, candidates: readonly T[]): T | null {
  return candidates.find((c) => inhibits(c, target)) ?? null;
}

/** Sources of one severity, by component. */
class SourceBucket<T extends InhibitionSubject> {
  readonly byComponent = new Map<string, T[]>();
  readonly withoutComponent: T[] = [];
  readonly all: T[] = [];

  add(s: T): void {
    this.all.push(s);
    if (!s.component) this.withoutComponent.push(s);
    else {
      const list = this.byComponent.get(s.component);
      if (list) list.push(s);
      else this.byComponent.set(s.component, [s]);
    }
  }

  find(target: InhibitionSubject): T | null {
    if (this.all.length === 0) return null;
    if (target.component) return inhibitorOf(target, this.byComponent.get(target.component) ?? []) ?? inhibitorOf(target, this.withoutComponent);
    return inhibitorOf(target, this.all);
  }
}

/**
 * The firing alerts that can inhibit others, indexed so that a tick with thousands of alerts does not
 * compare every pair: only more severe sources are looked at, and those with a component only for
 * targets with the same component (or without one).
 */
export class InhibitionIndex<T extends InhibitionSubject> {
  private readonly critical = new SourceBucket<T>();
  private readonly warning = new SourceBucket<T>();

  constructor(firing: readonly T[]) {
    for (const s of firing) {
      if (!s.firing) continue;
      if (s.severity === 'critical') this.critical.add(s);
      else if (s.severity === 'warning') this.warning.add(s);
    }
  }

  inhibitorOf(target: InhibitionSubject): T | null {
    if (target.severity === 'critical') return null;
    return this.critical.find(target) ?? (target.severity === 'info' ? this.warning.find(target) : null);
  }
}
