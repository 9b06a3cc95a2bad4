const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const idOf = (v: unknown): string | undefined => (isObject(v) && typeof v.id === 'string' ? v.id : undefined);

/**
 * `next`, with every part that equals the same part of `prev` replaced by `prev`'s (frozen)
 * object, so that what did not change keeps its identity: a fader move on one track leaves every
 * other track, the buses and the master the very objects they were, and components given them
 * (`React.memo`, `useStore` selectors) do not render again. Plain data only (objects, arrays,
 * primitives). Arrays of records with an `id` are matched by id, so an insertion does not make
 * every later element new. Objects it builds are frozen, like `readMix`'s.
 */
export function shareEqual<T>(prev: T, next: T): T {
  if (Object.is(prev, next) || !isObject(prev) || !isObject(next) || Array.isArray(prev) !== Array.isArray(next)) return next;
  if (Array.isArray(prev) && Array.isArray(next)) {
    const byId = new Map<string, unknown>();
    for (const item of prev) {
      const id = idOf(item);
      if (id !== undefined) byId.set(id, item);
    }
    const shared = next.map((item, i) => {
      const id = idOf(item);
      return shareEqual(id !== undefined && byId.has(id) ? byId.get(id) : prev[i], item);
    });
    return (shared.length === prev.length && shared.every((item, i) => item === prev[i]) ? prev : Object.freeze(shared)) as T;
  }
  const keys = Object.keys(next);
  let same = keys.length === Object.keys(prev).length;
  const shared: Record<string, unknown> = {};
  for (const key of keys) {
    shared[key] = shareEqual(prev[key], next[key]);
    if (!Object.hasOwn(prev, key) || shared[key] !== prev[key]) same = false;
  }
  return (same ? prev : Object.freeze(shared)) as T;
}
