/**
 * Redaction of secrets and personal data in log lines, applied while the line is copied at the time of the
 * call (so later mutation of the caller's objects cannot change or leak into it).
 */

export interface RedactionRules {
  /** Key names redacted at any depth, compared case-insensitively and ignoring `-` and `_` (`api_key` = `apiKey`). */
  keys?: readonly string[];
  /** Dotted paths into an entry's `data` (a leading `data.` is optional); `*` matches any one key: `user.email`, `*.phone`. */
  paths?: readonly string[];
}

export interface CopyLimits {
  maxDepth: number;
  maxKeys: number;
  maxArray: number;
  maxString: number;
}

export const CENSOR = '[redacted]';

/** Keys that hold credentials wherever they appear. */
export const SECRET_KEYS: readonly string[] = [
  'password', 'passwd', 'pwd', 'passwordHash', 'newPassword', 'secret', 'clientSecret', 'token', 'accessToken', 'refreshToken',
  'idToken', 'sessionToken', 'apiKey', 'authorization', 'proxyAuthorization', 'cookie', 'setCookie', 'privateKey', 'secretKey',
  'creditCard', 'cardNumber', 'cvv', 'cvc',
];

const DEFAULT_LIMITS: CopyLimits = { maxDepth: 8, maxKeys: 100, maxArray: 100, maxString: 4096 };

// Credentials inside free text: `Bearer abc`, API keys `pk_...`, `password=...`/`token: ...`.
const SECRET_TEXT =
  /\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{6,}|\bpk_[A-Za-z0-9_-]{8,}|\b(password|passwd|pwd|secret|token|api[_-]?key|access[_-]?token)(\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s&,;"']+)/gi;

const normalized = new Map<string, string>();

function normalizeKey(key: string): string {
  let n = normalized.get(key);
  if (n === undefined) {
    n = key.replace(/[-_]/g, '').toLowerCase();
    if (normalized.size > 10_000) normalized.clear();
    normalized.set(key, n);
  }
  return n;
}

interface PathNode {
  children: Map<string, PathNode>;
  terminal: boolean;
}

const newNode = (): PathNode => ({ children: new Map(), terminal: false });

function compilePaths(paths: readonly string[]): PathNode | null {
  if (!paths.length) return null;
  const root = newNode();
  for (const raw of paths) {
    const segments = raw.trim().replace(/^data\./, '').split('.').filter(Boolean);
    if (!segments.length) continue;
    let node = root;
    for (const seg of segments) {
      let next = node.children.get(seg);
      if (!next) node.children.set(seg, (next = newNode()));
      node = next;
    }
    node.terminal = true;
  }
  return root;
}

/** Replaces credentials found in free text. */
export function redactSecretsInText(text: string): string {
  if (text.length < 8) return text;
  return text.replace(SECRET_TEXT, (match, scheme?: string, name?: string, sep?: string) => {
    if (scheme) return `${scheme} ${CENSOR}`;
    if (name) return `${name}${sep}${CENSOR}`;
    return `pk_${CENSOR}`;
  });
}

/** Strips NUL (PostgreSQL text cannot hold it), caps the length and redacts credentials. */
export function cleanText(text: string, maxLength: number): string {
  let s = text.length > maxLength ? `${text.slice(0, maxLength)}…[${text.length - maxLength} more chars]` : text;
  if (s.includes('\u0000')) s = s.replace(/\u0000/g, '\uFFFD');
  return redactSecretsInText(s);
}

/** Copies log data into plain JSON values, redacting by key and by path, within size limits. */
export class Redactor {
  private readonly keys: Set<string>;
  private readonly paths: PathNode | null;
  readonly rules: Required<RedactionRules>;

  constructor(rules: RedactionRules = {}, private readonly limits: CopyLimits = DEFAULT_LIMITS) {
    this.rules = { keys: [...SECRET_KEYS, ...(rules.keys ?? [])], paths: [...(rules.paths ?? [])] };
    this.keys = new Set(this.rules.keys.map(normalizeKey));
    this.paths = compilePaths(this.rules.paths);
  }

  /** A redactor with these rules added. */
  extend(rules: RedactionRules): Redactor {
    return new Redactor({ keys: [...this.rules.keys, ...(rules.keys ?? [])], paths: [...this.rules.paths, ...(rules.paths ?? [])] }, this.limits);
  }

  text(value: string, maxLength = this.limits.maxString * 2): string {
    return cleanText(value, maxLength);
  }

  /** A redacted plain-JSON copy of `data`, leaving out the keys in `skip` (top level only). */
  copyData(data: Record<string, unknown>, skip?: ReadonlySet<string>): Record<string, unknown> {
    if (data instanceof Error || Array.isArray(data) || typeof (data as { toJSON?: unknown }).toJSON === 'function') {
      const out = this.copy(data, 0, this.paths ? [this.paths] : null, new WeakSet());
      return out && typeof out === 'object' && !Array.isArray(out) ? (out as Record<string, unknown>) : { value: out };
    }
    const seen = new WeakSet<object>([data]);
    return this.copyObject(data, 0, this.paths ? [this.paths] : null, seen, skip);
  }

  private copy(value: unknown, depth: number, nodes: PathNode[] | null, seen: WeakSet<object>): unknown {
    switch (typeof value) {
      case 'string':
        return cleanText(value, this.limits.maxString);
      case 'number':
        return Number.isFinite(value) ? value : String(value);
      case 'boolean':
        return value;
      case 'bigint':
        return value.toString();
      case 'undefined':
      case 'function':
      case 'symbol':
        return undefined;
    }
    if (value === null) return null;
    const obj = value as object;
    if (obj instanceof Date) return Number.isNaN(obj.getTime()) ? 'Invalid Date' : obj.toISOString();
    if (obj instanceof Error) return { type: obj.name, message: cleanText(obj.message, this.limits.maxString), ...((obj as any).code ? { code: String((obj as any).code) } : {}) };
    if (ArrayBuffer.isView(obj)) return `[binary ${obj.byteLength} bytes]`;
    if (depth >= this.limits.maxDepth) return '[too deep]';
    if (seen.has(obj)) return '[circular]';
    seen.add(obj);
    try {
      if (Array.isArray(obj) || obj instanceof Set) {
        const items = Array.isArray(obj) ? obj : [...obj];
        const out = items.slice(0, this.limits.maxArray).map((v) => {
          const c = this.copy(v, depth + 1, nodes, seen);
          return c === undefined ? null : c;
        });
        if (items.length > this.limits.maxArray) out.push(`…${items.length - this.limits.maxArray} more`);
        return out;
      }
      if (obj instanceof Map) return this.copyObject(Object.fromEntries([...obj.entries()].map(([k, v]) => [String(k), v])), depth, nodes, seen);
      if (typeof (obj as { toJSON?: unknown }).toJSON === 'function') {
        const json = (obj as { toJSON(): unknown }).toJSON();
        return json === obj ? this.copyObject(obj as Record<string, unknown>, depth, nodes, seen) : this.copy(json, depth, nodes, seen);
      }
      return this.copyObject(obj as Record<string, unknown>, depth, nodes, seen);
    } finally {
      seen.delete(obj);
    }
  }

  private copyObject(obj: Record<string, unknown>, depth: number, nodes: PathNode[] | null, seen: WeakSet<object>, skip?: ReadonlySet<string>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const keys = Object.keys(obj);
    let n = 0;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (skip?.has(key)) continue;
      if (n++ >= this.limits.maxKeys) {
        out['…'] = `${keys.length - this.limits.maxKeys} more keys`;
        break;
      }
      if (this.keys.has(normalizeKey(key))) {
        out[key] = CENSOR;
        continue;
      }
      let next: PathNode[] | null = null;
      if (nodes) {
        let censor = false;
        for (const node of nodes) {
          const exact = node.children.get(key);
          const star = node.children.get('*');
          for (const child of [exact, star]) {
            if (!child) continue;
            if (child.terminal) censor = true;
            if (child.children.size) (next ??= []).push(child);
          }
        }
        if (censor) {
          out[key] = CENSOR;
          continue;
        }
      }
      const c = this.copy(obj[key], depth + 1, next, seen);
      if (c !== undefined) out[key] = c;
    }
    return out;
  }
}
