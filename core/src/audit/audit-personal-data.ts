import type { DataDeclarationRegistry, DeclaredTenantData } from '@platform/sdk/data-protection';
import type { AuditSubject } from './audit-subject-keys.ts';

/** Kernel audit targets whose snapshots hold no personal data (role definitions, jobs, events, menu items). */
const IMPERSONAL_TARGETS = new Set(['role', 'job', 'event', 'nav_item']);

const camel = (column: string) => column.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
/** A column's names in a snapshot: as declared (snake_case) and as entities serialize it (camelCase). */
const spellings = (column: string) => [column, camel(column)];

export interface AuditEntryShape {
  actorType?: string;
  actorId?: string | null;
  actorLabel?: string | null;
  tenantId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
}

/**
 * Which values of an audit entry are personal, and whose they are, read from the data declarations:
 * - the actor's label of a user or anonymous caller (their email, usually);
 * - in before/after snapshots, the keys that are declared personal fields of the target's table (a target type
 *   `user` is table `users`, `example.note` is `example_notes`); for a target whose table no declaration names,
 *   every key that is a personal field anywhere (safe side).
 * The subject of a snapshot is the person it is about: an email or phone it carries in a declared subject column, else
 * the target user, else a declared user-id subject column, else the tenant, else the actor.
 */
export class AuditPersonalData {
  private readonly allPersonal: Set<string>;
  private readonly emailKeys: string[];
  private readonly phoneKeys: string[];

  constructor(private readonly registry: DataDeclarationRegistry) {
    const declarations = registry.list().filter((d) => d.table !== 'audit');
    this.allPersonal = new Set(declarations.flatMap((d) => d.personalFields.flatMap((f) => spellings(f.column))));
    const subjectKeys = (kind: string) => [...new Set(declarations.flatMap((d) => (d.subjects ?? []).filter((s) => s.kind === kind).flatMap((s) => spellings(s.column))))];
    this.emailKeys = [...new Set(['email', ...subjectKeys('email')])];
    this.phoneKeys = [...new Set(['phone', ...subjectKeys('phone')])];
  }

  /** The declared table an audit target type names, if any. */
  tableOf(targetType: string | null | undefined): DeclaredTenantData | undefined {
    if (!targetType) return undefined;
    const flat = targetType.replace(/[.-]/g, '_');
    const last = flat.split('_').slice(-1)[0];
    for (const candidate of [flat, `${flat}s`, `${flat}es`, targetType, `${last}s`]) {
      const found = this.registry.forTable(candidate);
      if (found) return found;
    }
    return undefined;
  }

  /** The snapshot keys to seal for this target type. */
  personalKeys(targetType: string | null | undefined): Set<string> {
    if (targetType && IMPERSONAL_TARGETS.has(targetType)) return new Set();
    const table = this.tableOf(targetType);
    if (!table) return this.allPersonal;
    return new Set(table.personalFields.flatMap((f) => spellings(f.column)));
  }

  actorSubject(entry: AuditEntryShape): AuditSubject | null {
    const label = entry.actorLabel?.trim();
    if (entry.actorType !== 'user' && entry.actorType !== 'anonymous') return null;
    if (label && label.includes('@')) return { kind: 'email', value: label };
    if (entry.actorId) return { kind: 'user_id', value: entry.actorId };
    return null;
  }

  snapshotSubject(entry: AuditEntryShape, snapshot: Record<string, unknown>): AuditSubject | null {
    const first = (keys: string[]) => keys.map((k) => snapshot[k]).find((v): v is string => typeof v === 'string' && v.trim() !== '');
    const email = first(this.emailKeys);
    if (email && email.includes('@')) return { kind: 'email', value: email };
    const phone = first(this.phoneKeys);
    if (phone) return { kind: 'phone', value: phone };
    const table = this.tableOf(entry.targetType);
    if (table?.table === 'users' && entry.targetId) return { kind: 'user_id', value: entry.targetId };
    const userKey = (table?.subjects ?? []).filter((s) => s.kind === 'user_id').flatMap((s) => spellings(s.column));
    const userId = first(userKey);
    if (userId) return { kind: 'user_id', value: userId };
    if (entry.tenantId) return { kind: 'tenant', value: entry.tenantId };
    return this.actorSubject(entry);
  }
}
