/**
 * A value, or a promise of it. The evaluate path answers from memory nearly always; staying synchronous then
 * saves the promises (and the async-context bookkeeping of each) that `async`/`await` would cost per request.
 */
export type MaybePromise<T> = T | Promise<T>;

export function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/** `f(value)`, after `value` settles if it is a promise. */
export function andThen<T, U>(value: MaybePromise<T>, f: (v: T) => MaybePromise<U>): MaybePromise<U> {
  return isPromise(value) ? value.then(f) : f(value);
}
