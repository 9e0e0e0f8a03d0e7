/**
 * A map that keeps roughly the `capacity` most recently used entries, in O(1) per operation.
 *
 * Entries live in two generations: new and recently read ones in the young map; when it is half full
 * it becomes the old map and the previous old map is dropped whole. (Evicting one oldest key at a time
 * from a single `Map` looks O(1) but is not: V8 keeps the deleted slots at the front until it rehashes,
 * and `keys().next()` walks over them, so a full cache under churn slows down with its size.)
 * `undefined` is not a storable value.
 */
export class BoundedMap<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();
  private readonly half: number;

  constructor(capacity: number) {
    this.half = Math.max(1, Math.floor(capacity / 2));
  }

  get(key: K): V | undefined {
    const value = this.young.get(key);
    if (value !== undefined) return value;
    const aged = this.old.get(key);
    if (aged !== undefined) {
      this.old.delete(key);
      this.keep(key, aged);
    }
    return aged;
  }

  set(key: K, value: V): this {
    if (this.young.has(key)) this.young.set(key, value);
    else {
      this.old.delete(key);
      this.keep(key, value);
    }
    return this;
  }

  delete(key: K): boolean {
    const inYoung = this.young.delete(key);
    return this.old.delete(key) || inYoung;
  }

  clear(): void {
    this.young = new Map();
    this.old = new Map();
  }

  get size(): number {
    return this.young.size + this.old.size;
  }

  /** Every entry (young generation first), without refreshing any. Deleting while iterating is safe. */
  *entries(): IterableIterator<[K, V]> {
    yield* this.young;
    yield* this.old;
  }

  [Symbol.iterator](): IterableIterator<[K, V]> {
    return this.entries();
  }

  private keep(key: K, value: V): void {
    if (this.young.size >= this.half) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }
}
