/**
 * `produce()` run once and its promise shared, until it fails: a rejected promise is forgotten as soon as
 * it settles, so the next call tries again instead of answering the same error forever (a cache that keeps
 * its rejection stays broken until restart).
 */
export function onceSucceeded<T>(produce: () => Promise<T>): () => Promise<T> {
  let shared: Promise<T> | null = null;
  return () => {
    if (shared) return shared;
    const attempt = produce();
    shared = attempt;
    attempt.catch(() => {
      if (shared === attempt) shared = null;
    });
    return attempt;
  };
}
