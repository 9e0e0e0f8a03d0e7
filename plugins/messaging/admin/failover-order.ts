/** Moves item `i` of `ids` by `delta` places (the arrows of the failover order); unchanged at either end. */
export function moved(ids: readonly string[], i: number, delta: -1 | 1): string[] {
  const j = i + delta;
  if (i < 0 || i >= ids.length || j < 0 || j >= ids.length) return [...ids];
  const next = [...ids];
  [next[i], next[j]] = [next[j], next[i]];
  return next;
}

/** Takes item `from` out and puts it at `to` (drag and drop of the failover order). */
export function dropped(ids: readonly string[], from: number, to: number): string[] {
  if (from === to || from < 0 || from >= ids.length || to < 0 || to >= ids.length) return [...ids];
  const next = [...ids];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
}
